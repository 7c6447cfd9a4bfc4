package dev.drover.agent.workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code type: workflow}: runs another workflow of the catalog with {@code inputs} and waits
 * for it. The child's id is remembered before it starts working, so a resumed parent waits for
 * the same child (which the agent resumes too) rather than starting another. Outputs: the
 * child's run_id, status and each step's outputs under {@code steps}. Cancelling or timing
 * out the step cancels the child.
 */
final class SubWorkflowStep implements StepType {

    private final Supplier<WorkflowEngine> engine;

    SubWorkflowStep(Supplier<WorkflowEngine> engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "workflow";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("workflow", "inputs");
    }

    @Override
    public Set<String> required() {
        return Set.of("workflow");
    }

    @Override
    public boolean waits() {
        return true;
    }

    @Override
    public StepResult run(StepCall call) throws InterruptedException {
        WorkflowEngine runs = engine.get();
        Optional<String> known = call.remembered("child_run");
        String child;
        if (known.isPresent() && runs.run(known.get()).isPresent()) {
            child = known.get();
        } else {
            Map<String, Object> inputs = Values.map(call.args().get("inputs"));
            child = runs.start(String.valueOf(call.args().get("workflow")), inputs, "workflow", "run " + call.runId(), call.runId()).id();
            call.remember("child_run", child);
        }
        call.waiting(Map.of("child_run", child));
        call.log("child run " + child);
        RunRecord done;
        try {
            done = runs.await(child, Duration.ofDays(3650));
        } catch (InterruptedException e) {
            if (!runs.closing()) {
                try {
                    runs.cancel(child);
                } catch (WorkflowRefusal ended) {
                    // It ended meanwhile.
                }
            }
            throw e;
        }
        Map<String, Object> steps = new LinkedHashMap<>();
        done.steps().stream().filter(s -> s.item() < 0).forEach(s -> steps.put(s.stepId(), s.outputs()));
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("run_id", child);
        outputs.put("status", done.status().label());
        outputs.put("steps", steps);
        if (done.status() != RunStatus.SUCCEEDED) {
            return StepResult.failed("workflow " + done.workflow() + " " + done.status().label()
                    + (done.error() == null ? "" : ": " + done.error()), outputs);
        }
        return StepResult.ok(outputs);
    }
}
