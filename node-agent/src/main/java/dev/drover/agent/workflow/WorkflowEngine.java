package dev.drover.agent.workflow;

import dev.drover.UserError;
import dev.drover.template.Templar;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, resumes, cancels and retries runs of the catalog's workflows. Steps that work run
 * on a pool of {@code workflows.parallelism} threads shared by all runs; steps that wait (an
 * approval, a sub-workflow) on threads of their own, so that waiting never starves work.
 */
public final class WorkflowEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);

    private volatile WorkflowCatalog catalog;
    private final RunStore store;
    private final StepTypes types;
    private final Templar templar = new Templar();
    private final ExecutorService workers;
    private final ExecutorService waiters;
    private final ScheduledExecutorService timer;
    private final Map<String, RunExecution> active = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RunRecord>> completions = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<WorkflowListener> workflowListeners = new CopyOnWriteArrayList<>();
    private final Object starting = new Object();
    private volatile boolean closing;

    private final Approvals approvals;

    public WorkflowEngine(WorkflowCatalog catalog, RunStore store, StepTypes types, int parallelism, Approvals approvals) {
        this.catalog = catalog;
        this.approvals = approvals;
        this.store = store;
        this.types = types;
        this.workers = Executors.newFixedThreadPool(parallelism, threads("workflow-step"));
        this.waiters = Executors.newCachedThreadPool(threads("workflow-wait"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("workflow-timer"));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public WorkflowCatalog catalog() {
        return catalog;
    }

    /**
     * Reads the workflows directory again. Every file must load (a UserError names the first
     * mistake, and the workflows stay as they were); runs already started keep the text they
     * started with, as they do across a restart.
     */
    synchronized Reloaded reload() {
        WorkflowCatalog before = catalog;
        WorkflowCatalog after = WorkflowCatalog.load(before.dir(), types);
        catalog = after;
        Reloaded change = Reloaded.between(before, after);
        LOG.info("workflows reloaded from {}: {}", after.dir(), change);
        return change;
    }

    /** Tells {@code listener} when runs and steps begin and end. */
    public void addListener(WorkflowListener listener) {
        workflowListeners.add(listener);
    }

    /** Each listener, told what it is told; one that throws is logged and the others still hear. */
    void tell(java.util.function.Consumer<WorkflowListener> event) {
        for (WorkflowListener listener : workflowListeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("a workflow listener failed: {}", e.toString());
            }
        }
    }

    /** Tells {@code listener} the id of every run that changed (a step moved, the run ended). */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Starts a run of {@code workflow} with {@code inputs} (checked against its declared
     * inputs, defaults filled in). The run is stored before this returns.
     */
    public RunRecord start(String workflow, Map<String, Object> inputs, String trigger, String who) {
        return start(workflow, inputs, trigger, who, null);
    }

    RunRecord start(String workflow, Map<String, Object> inputs, String trigger, String who, String parentRun) {
        WorkflowDefinition definition = catalog.named(workflow)
                .orElseThrow(() -> new WorkflowRefusal(404, "no workflow '" + workflow + "' in " + catalog.dir()));
        Map<String, Object> given = inputs(definition, inputs);
        RunRecord run = new RunRecord(UUID.randomUUID().toString(), definition.name(), given, RunStatus.RUNNING, trigger, who,
                parentRun, null, Instant.now(), null, List.of());
        RunExecution execution;
        synchronized (starting) { // the count of runs going and the new one's place among them, at once
            refuseBeyondConcurrency(definition);
            store.create(run, new RunStore.Source(definition.source(), definition.file()));
            execution = new RunExecution(this, run, definition);
            active.put(run.id(), execution);
        }
        LOG.info("run {} of {} started by {} ({})", run.id(), definition.name(), who, trigger);
        execute(execution);
        return store.run(run.id()).orElseThrow();
    }

    /** A workflow's {@code concurrency}: with that many of its runs going (working or waiting), another start is refused. */
    private void refuseBeyondConcurrency(WorkflowDefinition definition) {
        if (definition.concurrency().isEmpty()) {
            return;
        }
        int limit = definition.concurrency().getAsInt();
        List<String> going = active.values().stream().filter(r -> r.workflowName().equals(definition.name())).map(r -> r.id).sorted().toList();
        if (going.size() >= limit) {
            throw new WorkflowRefusal(409, "workflow '" + definition.name() + "' runs at most " + limit + " at once (concurrency: " + limit
                    + ") and " + (going.size() == 1 ? "run " + going.get(0) + " is" : going.size() + " runs are") + " going;"
                    + " wait for it to end or cancel it");
        }
    }

    private static Map<String, Object> inputs(WorkflowDefinition definition, Map<String, Object> given) {
        for (String name : given.keySet()) {
            if (!definition.inputs().containsKey(name)) {
                throw new WorkflowRefusal(400, "workflow '" + definition.name() + "' has no input '" + name + "'; its inputs: "
                        + String.join(", ", definition.inputs().keySet()));
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (WorkflowDefinition.InputSpec spec : definition.inputs().values()) {
            if (given.containsKey(spec.name())) {
                try {
                    all.put(spec.name(), spec.accept(Values.plain(given.get(spec.name()))));
                } catch (WorkflowDefinition.InputSpec.Refused refused) {
                    throw new WorkflowRefusal(400, "input '" + spec.name() + "' of workflow '" + definition.name() + "' "
                            + refused.getMessage());
                }
            } else if (spec.required()) {
                throw new WorkflowRefusal(400, "workflow '" + definition.name() + "' needs the input '" + spec.name() + "'");
            } else {
                all.put(spec.name(), spec.defaultValue());
            }
        }
        return all;
    }

    private void execute(RunExecution run) {
        active.put(run.id, run);
        tell(l -> l.runGoing(run.workflowName()));
        run.advance();
    }

    /**
     * Takes up every run a stopped agent left unfinished, from the steps that had not ended.
     * A run whose stored workflow text no longer parses (a step type gone) is failed with why.
     */
    public void resumeUnfinished() {
        for (String id : store.unfinished()) {
            if (active.containsKey(id)) {
                continue;
            }
            RunRecord run = store.run(id).orElseThrow();
            RunStore.Source source = store.source(id).orElseThrow();
            WorkflowDefinition definition;
            try {
                definition = new WorkflowParser(types).parse(source.text(), source.file());
            } catch (UserError e) {
                store.finish(id, RunStatus.FAILED, "cannot resume: " + e.describe());
                continue;
            }
            LOG.info("resuming run {} of {}", id, run.workflow());
            execute(new RunExecution(this, run, definition));
        }
    }

    public Optional<RunRecord> run(String id) {
        return store.run(id);
    }

    public List<RunRecord> recent(String workflow, int limit) {
        return store.recent(workflow, limit);
    }

    /** A page of runs (docs/api.md); 404 when the page's cursor names no stored run. */
    public List<RunRecord> runs(RunQuery query) {
        query.before().ifPresent(id -> {
            if (store.run(id).isEmpty()) {
                throw new WorkflowRefusal(404, "no run '" + id + "' to list the runs before: it may have been trimmed; start from the newest");
            }
        });
        return store.runs(query);
    }

    public RunRecord cancel(String id) {
        RunRecord run = store.run(id).orElseThrow(() -> new WorkflowRefusal(404, "no run '" + id + "'"));
        RunExecution execution = active.get(id);
        if (run.status().finished() || execution == null) {
            throw new WorkflowRefusal(409, "run " + id + " has already ended (" + run.status().label() + ")");
        }
        execution.cancel();
        for (RunRecord child : childrenOf(id)) {
            Optional.ofNullable(active.get(child.id())).ifPresent(RunExecution::cancel);
        }
        return store.run(id).orElseThrow();
    }

    private List<RunRecord> childrenOf(String id) {
        return store.recent(null, 10_000).stream().filter(r -> id.equals(r.parentRun()) && !r.status().finished()).toList();
    }

    /**
     * Runs a failed or cancelled run again from where it stopped: its failed and cancelled steps
     * (and for_each items) start over, everything that was done stays done.
     */
    public RunRecord retry(String id) {
        RunRecord run = store.run(id).orElseThrow(() -> new WorkflowRefusal(404, "no run '" + id + "'"));
        if (run.status() != RunStatus.FAILED && run.status() != RunStatus.CANCELLED) {
            throw new WorkflowRefusal(409, "run " + id + " is " + run.status().label() + "; only a failed or cancelled run can be retried");
        }
        RunStore.Source source = store.source(id).orElseThrow();
        WorkflowDefinition definition = new WorkflowParser(types).parse(source.text(), source.file());
        for (StepRecord step : run.steps()) {
            if (step.status() == StepStatus.FAILED || step.status() == StepStatus.CANCELLED) {
                store.save(id, new StepRecord(step.stepId(), step.item(), StepStatus.PENDING, 0, Map.of(), null,
                        step.log() + "-- retried\n", null, null, Map.of()));
                if (step.item() < 0) {
                    store.forget(id, step.stepId());
                }
            }
        }
        store.finish(id, RunStatus.RUNNING, null);
        completions.remove(id);
        LOG.info("run {} of {} retried", id, run.workflow());
        execute(new RunExecution(this, store.run(id).orElseThrow(), definition));
        return store.run(id).orElseThrow();
    }

    /** The run once it has ended, or as it is when {@code limit} passes. */
    public RunRecord await(String id, Duration limit) throws InterruptedException {
        CompletableFuture<RunRecord> done = completions.computeIfAbsent(id, k -> new CompletableFuture<>());
        RunRecord now = store.run(id).orElseThrow(() -> new WorkflowRefusal(404, "no run '" + id + "'"));
        if (now.status().finished() && !active.containsKey(id)) {
            return now;
        }
        try {
            return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return store.run(id).orElseThrow();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    void finished(RunExecution run) {
        active.remove(run.id);
        RunRecord record = store.run(run.id).orElseThrow();
        completions.computeIfAbsent(run.id, k -> new CompletableFuture<>()).complete(record);
        // Nobody may ever ask again; the record stays in the store.
        timer.schedule(() -> completions.remove(run.id), 1, TimeUnit.MINUTES);
        changed(run.id);
    }

    void changed(String runId) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(runId);
            } catch (RuntimeException e) {
                LOG.warn("after a change of run {}: {}", runId, e.toString());
            }
        }
    }

    /**
     * A person's decision for a waiting approval step (item -1 unless the step has for_each).
     * 404 for no such run or step, 409 when the step is not waiting for one.
     */
    public RunRecord decide(String runId, String stepId, int item, Approvals.Decision decision) {
        RunRecord run = store.run(runId).orElseThrow(() -> new WorkflowRefusal(404, "no run '" + runId + "'"));
        StepRecord step = run.steps().stream().filter(s -> s.stepId().equals(stepId) && s.item() == item).findFirst()
                .orElseThrow(() -> new WorkflowRefusal(404, "run " + runId + " has no step '" + stepId + "'"
                        + (item >= 0 ? " item " + item : "")));
        if (step.status() != StepStatus.WAITING || !approvals.decide(runId, stepId, item, decision)) {
            throw new WorkflowRefusal(409, "step " + stepId + " of run " + runId + " is " + step.status().label()
                    + ", not waiting for an approval");
        }
        return run;
    }

    public int activeRuns() {
        return active.size();
    }

    Templar templar() {
        return templar;
    }

    StepTypes types() {
        return types;
    }

    RunStore store() {
        return store;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService executorFor(StepType type) {
        return type.waits() ? waiters : workers;
    }

    boolean closing() {
        return closing;
    }

    /**
     * Stops every attempt without recording an end: the runs stay running in the store, and
     * the next start of the agent resumes them.
     */
    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        workers.shutdownNow();
        waiters.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
            waiters.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
