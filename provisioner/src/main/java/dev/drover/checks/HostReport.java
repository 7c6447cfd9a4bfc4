package dev.drover.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Every result of one check file on one host. */
public record HostReport(String host, Instant startedAt, Duration duration, List<CheckResult> results) {

    public HostReport {
        results = List.copyOf(results);
    }

    /** No FAIL outcome (warnings and skips do not count against a host). */
    public boolean healthy() {
        return count(Outcome.FAIL) == 0;
    }

    public long count(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }
}
