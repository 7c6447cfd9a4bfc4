package dev.drover.agent.workflow;

import dev.drover.agent.config.DurationText;
import dev.drover.agent.power.NodeState;
import dev.drover.agent.power.NodeStatus;
import dev.drover.agent.power.PowerEvent;
import dev.drover.agent.power.PowerManager;
import dev.drover.agent.power.PowerRefusal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: wake} and {@code type: sleep}: the power manager's wake and sleep of a node
 * (docs/power.md), recorded in the power events as caused by the workflow. {@code wait: true}
 * on a wake waits (up to {@code wait_timeout}, default 5m) until the node answers.
 */
final class PowerStep implements StepType {

    private final String action;
    private final Optional<PowerManager> power;

    private PowerStep(String action, Optional<PowerManager> power) {
        this.action = action;
        this.power = power;
    }

    static PowerStep wake(Optional<PowerManager> power) {
        return new PowerStep("wake", power);
    }

    static PowerStep sleep(Optional<PowerManager> power) {
        return new PowerStep("sleep", power);
    }

    @Override
    public String name() {
        return action;
    }

    @Override
    public Set<String> arguments() {
        return action.equals("wake") ? Set.of("node", "force", "wait", "wait_timeout") : Set.of("node", "force");
    }

    @Override
    public Set<String> required() {
        return Set.of("node");
    }

    @Override
    public StepResult run(StepCall call) throws InterruptedException {
        PowerManager manager = power.orElseThrow(() -> new IllegalStateException("power management is not configured on this agent (no power: section)"));
        String node = String.valueOf(call.args().get("node"));
        boolean force = Boolean.TRUE.equals(call.args().get("force"));
        String reason = "workflow run " + call.runId() + " step " + call.stepId();
        PowerEvent event;
        try {
            event = action.equals("wake") ? manager.wake(node, force, "workflow", call.who(), reason).event()
                    : manager.sleep(node, force, "workflow", call.who(), reason);
        } catch (PowerRefusal e) {
            return StepResult.failed(e.getMessage(), Map.of());
        }
        call.log(action + " " + node + ": " + event.result());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("node", node);
        outputs.put("result", event.result());
        if (action.equals("wake") && Boolean.TRUE.equals(call.args().get("wait"))) {
            Object limit = call.args().getOrDefault("wait_timeout", "5m");
            Instant giveUp = Instant.now().plus(DurationText.parse(limit).orElse(Duration.ofMinutes(5)));
            while (state(manager, node) != NodeState.AWAKE) {
                if (Instant.now().isAfter(giveUp)) {
                    return StepResult.failed(node + " did not answer within " + limit + " of the wake", outputs);
                }
                Thread.sleep(1000);
            }
            call.log(node + " is awake");
        }
        outputs.put("state", state(manager, node).label());
        return StepResult.ok(outputs);
    }

    private static NodeState state(PowerManager manager, String node) {
        return manager.nodes().stream().filter(n -> n.name().equals(node)).map(NodeStatus::state).findFirst().orElse(NodeState.UNREACHABLE);
    }
}
