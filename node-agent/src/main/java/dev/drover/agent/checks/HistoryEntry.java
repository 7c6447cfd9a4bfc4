package dev.drover.agent.checks;

import java.time.Instant;

/** One past run of a check file, as /api/v1/checks/history lists it. */
public record HistoryEntry(String file, Instant startedAt, long durationMs, long passed, long failed, long warned,
                           long skipped, boolean healthy) {
}
