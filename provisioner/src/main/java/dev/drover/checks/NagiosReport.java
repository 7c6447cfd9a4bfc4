package dev.drover.checks;

import java.util.List;

/**
 * A Nagios plugin's output: one status line with performance data, then the failing
 * properties as long output. {@link #status} is the plugin exit code: 0 OK, 1 WARNING
 * (only warn checks failed), 2 CRITICAL.
 */
final class NagiosReport {

    private NagiosReport() {
    }

    static int status(List<HostReport> reports) {
        if (reports.stream().anyMatch(r -> !r.healthy())) {
            return 2;
        }
        return reports.stream().anyMatch(r -> r.count(Outcome.WARN) > 0) ? 1 : 0;
    }

    static String render(List<HostReport> reports) {
        String state = switch (status(reports)) {
            case 0 -> "OK";
            case 1 -> "WARNING";
            default -> "CRITICAL";
        };
        long count = reports.stream().mapToLong(r -> r.results().size()).sum();
        long failed = reports.stream().mapToLong(r -> r.count(Outcome.FAIL)).sum();
        long warned = reports.stream().mapToLong(r -> r.count(Outcome.WARN)).sum();
        long skipped = reports.stream().mapToLong(r -> r.count(Outcome.SKIP)).sum();
        double seconds = reports.stream().mapToLong(r -> r.duration().toNanos()).max().orElse(0) / 1e9;
        StringBuilder text = new StringBuilder("DROVER ").append(state).append(" - ").append(Lines.summary(reports))
                .append(String.format(java.util.Locale.ROOT, "|total=%d failed=%d warnings=%d skipped=%d duration=%.3fs",
                        count, failed, warned, skipped, seconds)).append('\n');
        for (HostReport report : reports) {
            for (CheckResult result : report.results()) {
                if (result.outcome() == Outcome.FAIL || result.outcome() == Outcome.WARN) {
                    text.append(result.outcome()).append(' ').append(report.host()).append(": ").append(Lines.of(result)).append('\n');
                }
            }
        }
        return text.toString();
    }
}
