package dev.drover.agent.workflow;

import dev.drover.agent.workflow.llm.BreakerPolicy;
import dev.drover.agent.workflow.llm.CircuitBreakers;
import dev.drover.agent.workflow.llm.LlmClient;
import dev.drover.agent.workflow.llm.LlmStep;

import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.power.PowerManager;
import dev.drover.nomad.NomadClient;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's workflows, put together: the built-in step types, the validated catalog, the
 * store (data_dir/workflows.sqlite), the engine and the cron schedule. {@link #start} resumes
 * what a stopped agent left unfinished, then starts the schedule.
 */
public final class Workflows implements AutoCloseable {

    private final Approvals approvals;
    private final CircuitBreakers breakers;
    private final RunStore store;
    private final WorkflowEngine engine;
    private final WorkflowSchedule schedule;
    private final EventTriggers triggers;
    private final java.util.List<java.util.function.Consumer<Reloaded>> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Workflows(Approvals approvals, CircuitBreakers breakers, RunStore store, WorkflowEngine engine) {
        this.approvals = approvals;
        this.breakers = breakers;
        this.store = store;
        this.engine = engine;
        this.schedule = new WorkflowSchedule(engine);
        this.triggers = new EventTriggers(engine);
    }

    /**
     * The step types every agent has. {@code breakers} stand in front of external endpoints
     * (the http and llm steps' calls), one per endpoint, shared by every run.
     */
    public static StepTypes builtinTypes(Approvals approvals, AtomicReference<WorkflowEngine> engine, CheckFiles files,
                                         Optional<PowerManager> power, Optional<NomadClient> nomad, String nomadNode,
                                         CircuitBreakers breakers) {
        CallGuard guard = breakers::call;
        // Steps that need nothing of this agent's own state may run elsewhere (runs_on: nomad).
        NomadDispatch dispatch = new NomadDispatch(nomad);
        return new StepTypes()
                .register(new ShellStep(dispatch))
                .register(RemoteStep.offer(new HttpStep(guard), dispatch))
                .register(new ApprovalStep(approvals))
                .register(new SubWorkflowStep(engine::get))
                .register(RemoteStep.offer(new CheckStep(files), dispatch))
                .register(PowerStep.wake(power))
                .register(PowerStep.sleep(power))
                .register(new NomadStep(nomad, nomadNode))
                .register(RemoteStep.offer(new PlayStep(), dispatch))
                .register(RemoteStep.offer(new LlmStepType(new LlmStep(new LlmClient(breakers))), dispatch));
    }

    /** Loads and validates every workflow file (a UserError names the first mistake) and opens the store. */
    public static Workflows open(AgentConfig config, Path dataDir, CheckFiles files, Optional<PowerManager> power,
                                 Optional<NomadClient> nomad) {
        Approvals approvals = new Approvals();
        AtomicReference<WorkflowEngine> engine = new AtomicReference<>();
        AgentConfig.Workflows settings = config.workflows();
        CircuitBreakers breakers = breakers(settings.breakers());
        StepTypes types = builtinTypes(approvals, engine, files, power, nomad,
                config.nomad().map(AgentConfig.Nomad::nodeName).orElse(""), breakers);
        WorkflowCatalog catalog = WorkflowCatalog.load(settings.dir(), types);
        RunStore store = new RunStore(dataDir.resolve("workflows.sqlite"), settings.keepRuns());
        engine.set(new WorkflowEngine(catalog, store, types, settings.parallelism(), approvals));
        return new Workflows(approvals, breakers, store, engine.get());
    }

    private static CircuitBreakers breakers(AgentConfig.Breakers settings) {
        Map<String, BreakerPolicy> overrides = new LinkedHashMap<>();
        settings.endpoints().forEach((endpoint, b) -> overrides.put(endpoint, new BreakerPolicy(b.failures(), b.coolDown())));
        return new CircuitBreakers(new BreakerPolicy(settings.failures(), settings.coolDown()), overrides, InstantSource.system());
    }

    public void start() {
        engine.resumeUnfinished();
        schedule.start();
    }

    /**
     * Reads the workflow files again and puts their schedules in place (POST
     * /api/v1/workflows/reload, SIGHUP). A file that does not load leaves everything as it was
     * and says why (a UserError with its file:line); runs already started are not touched.
     */
    /** Told after every reload that changed the workflows (whether by the API or by SIGHUP). */
    public void onReload(java.util.function.Consumer<Reloaded> listener) {
        reloadListeners.add(listener);
    }

    public synchronized Reloaded reload() {
        Reloaded change = engine.reload();
        reloadListeners.forEach(l -> l.accept(change));
        try {
            schedule.schedule(engine.catalog().all());
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException("workflows reloaded, but their schedules could not be set: " + e.getMessage(), e);
        }
        return change;
    }

    /** Starts workflows on events: add it as a listener of the check files and the power manager. */
    public EventTriggers triggers() {
        return triggers;
    }

    public WorkflowEngine engine() {
        return engine;
    }

    /** The circuit breakers of the http and llm steps' endpoints, shared by every run. */
    public CircuitBreakers breakers() {
        return breakers;
    }

    public Approvals approvals() {
        return approvals;
    }

    @Override
    public void close() {
        schedule.close();
        engine.close();
        store.close();
    }
}
