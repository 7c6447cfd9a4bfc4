package dev.drover.agent.workflow;

import java.util.Map;

/**
 * What one attempt of a step gave: its outputs (a shell step's stdout, stderr and rc even when
 * it failed, so that {@code on_failure} steps and the run view can show them) and, on failure,
 * why.
 */
public record StepResult(boolean ok, Map<String, Object> outputs, String error) {

    public StepResult {
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    public static StepResult ok(Map<String, Object> outputs) {
        return new StepResult(true, outputs, null);
    }

    public static StepResult failed(String error, Map<String, Object> outputs) {
        return new StepResult(false, outputs, error);
    }
}
