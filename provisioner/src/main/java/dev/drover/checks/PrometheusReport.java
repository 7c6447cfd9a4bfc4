package dev.drover.checks;

import java.util.List;
import java.util.Locale;

/** Prometheus text exposition: a gauge per property's result and duration, and per-host totals. */
final class PrometheusReport {

    private PrometheusReport() {
    }

    static String render(List<HostReport> reports) {
        StringBuilder text = new StringBuilder();
        text.append("# HELP drover_check_result Result of one property of one check: 1 passed, 0 failed or warned (skips omitted).\n");
        text.append("# TYPE drover_check_result gauge\n");
        for (HostReport report : reports) {
            for (CheckResult r : report.results()) {
                if (r.outcome() != Outcome.SKIP) {
                    text.append("drover_check_result").append(labels(report, r)).append(' ')
                            .append(r.outcome() == Outcome.PASS ? 1 : 0).append('\n');
                }
            }
        }
        text.append("# HELP drover_check_duration_seconds Time one check took on the host.\n");
        text.append("# TYPE drover_check_duration_seconds gauge\n");
        for (HostReport report : reports) {
            for (CheckResult r : report.results()) {
                if (r.outcome() != Outcome.SKIP) {
                    text.append("drover_check_duration_seconds").append(labels(report, r)).append(' ')
                            .append(String.format(Locale.ROOT, "%.6f", r.duration().toNanos() / 1e9)).append('\n');
                }
            }
        }
        text.append("# HELP drover_check_outcomes Properties by outcome in the last run.\n");
        text.append("# TYPE drover_check_outcomes gauge\n");
        for (HostReport report : reports) {
            for (Outcome outcome : Outcome.values()) {
                text.append("drover_check_outcomes{host=\"").append(escape(report.host())).append("\",outcome=\"")
                        .append(outcome.name().toLowerCase()).append("\"} ").append(report.count(outcome)).append('\n');
            }
        }
        text.append("# HELP drover_check_run_duration_seconds Time the whole check file took on the host.\n");
        text.append("# TYPE drover_check_run_duration_seconds gauge\n");
        for (HostReport report : reports) {
            text.append("drover_check_run_duration_seconds{host=\"").append(escape(report.host())).append("\"} ")
                    .append(String.format(Locale.ROOT, "%.6f", report.duration().toNanos() / 1e9)).append('\n');
        }
        text.append("# HELP drover_check_healthy 1 when no check without severity warn failed.\n");
        text.append("# TYPE drover_check_healthy gauge\n");
        for (HostReport report : reports) {
            text.append("drover_check_healthy{host=\"").append(escape(report.host())).append("\"} ")
                    .append(report.healthy() ? 1 : 0).append('\n');
        }
        return text.toString();
    }

    private static String labels(HostReport report, CheckResult r) {
        return "{host=\"" + escape(report.host()) + "\",type=\"" + escape(r.type()) + "\",id=\"" + escape(r.id())
                + "\",property=\"" + escape(r.property()) + "\"}";
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
