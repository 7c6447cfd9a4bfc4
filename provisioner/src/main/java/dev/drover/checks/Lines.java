package dev.drover.checks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The wording shared by the text formats: Goss's one-line summary of a result and of a run. */
final class Lines {

    private Lines() {
    }

    /** {@code File: /etc/passwd: exists: matches expectation: true}, titled when the check has a title. */
    static String of(CheckResult result) {
        String line = displayType(result) + ": " + result.id() + ": " + result.property() + ": " + result.message();
        if (result.outcome() == Outcome.WARN) {
            line += " (warning)";
        }
        return result.title().isEmpty() ? line : result.title() + ": " + line;
    }

    static String summary(List<HostReport> reports) {
        long count = reports.stream().mapToLong(r -> r.results().size()).sum();
        long failed = reports.stream().mapToLong(r -> r.count(Outcome.FAIL)).sum();
        long warned = reports.stream().mapToLong(r -> r.count(Outcome.WARN)).sum();
        long skipped = reports.stream().mapToLong(r -> r.count(Outcome.SKIP)).sum();
        Duration longest = reports.stream().map(HostReport::duration).max(Duration::compareTo).orElse(Duration.ZERO);
        return "Count: " + count + ", Failed: " + failed + ", Warnings: " + warned + ", Skipped: " + skipped
                + ", Duration: " + seconds(longest) + "s";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    /** Goss's capitalised type name; a type outside the language (drover check's "host") is capitalised as written. */
    static String displayType(CheckResult result) {
        return CheckType.named(result.type()).map(CheckType::displayName)
                .orElse(result.type().isEmpty() ? "" : Character.toUpperCase(result.type().charAt(0)) + result.type().substring(1));
    }
}
