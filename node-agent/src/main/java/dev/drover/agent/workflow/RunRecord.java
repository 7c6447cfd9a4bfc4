package dev.drover.agent.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A run as stored: what started it, with which inputs, and where it is. */
public record RunRecord(String id, String workflow, Map<String, Object> inputs, RunStatus status, String trigger,
                        String who, String parentRun, String error, Instant createdAt, Instant finishedAt,
                        List<StepRecord> steps) {

    public RunRecord {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        steps = List.copyOf(steps);
    }
}
