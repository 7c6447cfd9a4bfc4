package dev.drover.checks;

import java.util.List;

/** Goss's documentation format: a line per property, the failures again, then the counts; per host. */
final class DocumentationReport {

    private DocumentationReport() {
    }

    static String render(List<HostReport> reports) {
        StringBuilder text = new StringBuilder();
        for (HostReport report : reports) {
            if (reports.size() > 1 || !report.host().isEmpty()) {
                text.append("== ").append(report.host()).append('\n');
            }
            report.results().forEach(r -> text.append(Lines.of(r)).append('\n'));
            List<CheckResult> notPassed = report.results().stream().filter(r -> r.outcome() != Outcome.PASS).toList();
            if (!notPassed.isEmpty()) {
                text.append("\nFailures/Skipped:\n\n");
                for (CheckResult result : notPassed) {
                    text.append(result.outcome().name()).append(": ").append(Lines.of(result));
                    if (result.source().isKnown()) {
                        text.append("  (").append(result.source()).append(')');
                    }
                    text.append('\n');
                }
            }
            text.append("\nTotal Duration: ").append(Lines.seconds(report.duration())).append("s\n");
            text.append(Lines.summary(List.of(report))).append("\n\n");
        }
        return text.toString();
    }
}
