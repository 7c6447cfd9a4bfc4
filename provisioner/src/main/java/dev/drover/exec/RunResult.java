package dev.drover.exec;

import dev.drover.report.HostStats;
import java.util.List;

/** How a whole run ended, host by host. */
public record RunResult(List<HostStats> stats) {

    public RunResult {
        stats = List.copyOf(stats);
    }

    /** Ansible's exit codes: 4 when a host was unreachable, 2 when a host failed, else 0. */
    public int exitCode() {
        if (stats.stream().anyMatch(s -> s.unreachable() > 0)) {
            return 4;
        }
        if (stats.stream().anyMatch(s -> s.failed() > 0)) {
            return 2;
        }
        return 0;
    }
}
