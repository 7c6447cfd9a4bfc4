package dev.drover.agent.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An engine over a temporary workflows directory and store, with the shell step and any extra types. */
final class WorkflowFixture implements AutoCloseable {

    final Path dir;
    final Approvals approvals = new Approvals();
    final java.util.concurrent.atomic.AtomicReference<WorkflowEngine> engineRef = new java.util.concurrent.atomic.AtomicReference<>();
    final StepTypes types;
    final RunStore store;
    WorkflowEngine engine;

    WorkflowFixture(Path dir, StepType... extra) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("workflows"));
        types = new StepTypes();
        for (StepType type : extra) {
            types.register(type);
        }
        // The usual types, unless an extra one takes a name (a shell step that can reach Nomad).
        for (StepType type : List.of(new ShellStep(), new ApprovalStep(approvals), new SubWorkflowStep(engineRef::get),
                new HttpStep(CallGuard.NONE))) {
            if (types.named(type.name()).isEmpty()) {
                types.register(type);
            }
        }
        store = new RunStore(dir.resolve("workflows.sqlite"), 1000);
    }

    WorkflowFixture write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve("workflows").resolve(name + ".yml"), yaml);
        return this;
    }

    WorkflowEngine start(int parallelism) {
        engine = new WorkflowEngine(WorkflowCatalog.load(dir.resolve("workflows"), types), store, types, parallelism, approvals);
        engineRef.set(engine);
        return engine;
    }

    RunRecord run(String workflow, Map<String, Object> inputs) throws InterruptedException {
        if (engine == null) {
            start(8);
        }
        RunRecord started = engine.start(workflow, inputs, "test", "tester");
        return engine.await(started.id(), Duration.ofSeconds(30));
    }

    static StepRecord step(RunRecord run, String id) {
        return run.steps().stream().filter(s -> s.stepId().equals(id) && s.item() < 0).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in " + run.steps()));
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        store.close();
    }
}
