package dev.drover.agent.checks;

import dev.drover.agent.config.Schedule;
import dev.drover.checks.HostReport;
import dev.drover.checks.Outcome;
import java.nio.file.Path;

/** One run of one check file: what ran, on what schedule, and every result. */
public record FileRun(Path file, Schedule schedule, HostReport report) {

    public boolean healthy() {
        return report.healthy();
    }

    public long count(Outcome outcome) {
        return report.count(outcome);
    }
}
