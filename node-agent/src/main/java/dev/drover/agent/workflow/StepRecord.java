package dev.drover.agent.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * A step's (or a for_each item's, {@code item >= 0}) state as stored. {@code detail} carries
 * what a waiting step shows: an approval's prompt and expiry.
 */
public record StepRecord(String stepId, int item, StepStatus status, int attempts, Map<String, Object> outputs,
                         String error, String log, Instant startedAt, Instant finishedAt, Map<String, Object> detail) {

    public StepRecord {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        detail = detail == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
        log = log == null ? "" : log;
    }

    static StepRecord pending(String stepId, int item) {
        return new StepRecord(stepId, item, StepStatus.PENDING, 0, Map.of(), null, "", null, null, Map.of());
    }

    StepRecord with(StepStatus newStatus) {
        return new StepRecord(stepId, item, newStatus, attempts, outputs, error, log, startedAt, finishedAt, detail);
    }
}
