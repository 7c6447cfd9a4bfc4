package dev.drover.checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns what a probe found into one verdict per asserted property, as Goss reports them. */
final class Verdicts {

    /** Text attributes where a list means Goss's patterns: substrings, /regexes/, and !negations. */
    private static final Set<String> PATTERN_TEXT = Set.of("contents", "contains", "stdout", "stderr", "body");

    private Verdicts() {
    }

    static List<CheckResult> skipped(Check check) {
        List<CheckResult> results = new ArrayList<>();
        for (String property : properties(check)) {
            results.add(result(check, property, Outcome.SKIP, check.properties().get(property), null, "skipped", Duration.ZERO));
        }
        return results;
    }

    static List<CheckResult> judge(Check check, CheckScript.Record record, Duration timeout, String failure) {
        String problem = failure;
        Findings findings = null;
        Duration took = record == null ? Duration.ZERO : record.duration();
        if (problem == null && record == null) {
            problem = "the check produced no result";
        } else if (problem == null && record.timedOut()) {
            problem = "timed out after " + Timeouts.seconds(timeout) + " s";
        } else if (problem == null) {
            try {
                findings = Findings.read(check, record.values());
                problem = findings.error();
            } catch (RuntimeException e) {
                problem = "could not read what the probe printed (" + e + ")"
                        + (record.stderr().isBlank() ? "" : ": " + record.stderr().strip());
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (String property : properties(check)) {
            Object expected = check.properties().get(property);
            if (problem != null) {
                results.add(result(check, property, failed(check), expected, null, problem, took));
                continue;
            }
            Object found = findings.values().get(property);
            boolean pass = PATTERN_TEXT.contains(property) && expected instanceof List<?> patterns
                    ? missingPatterns(patterns, Matchers.text(found)).isEmpty()
                    : Matchers.matches(expected, found);
            String message = pass ? "matches expectation: " + show(expected)
                    : PATTERN_TEXT.contains(property) && expected instanceof List<?> patterns
                    ? "patterns not found: " + show(missingPatterns(patterns, Matchers.text(found)))
                    : "expected " + show(expected) + ", found " + show(found);
            results.add(result(check, property, pass ? Outcome.PASS : failed(check), expected, found, message, took));
        }
        return results;
    }

    /** The properties a check asserts, in the order written. */
    private static List<String> properties(Check check) {
        CheckType type = CheckType.named(check.type()).orElseThrow();
        return check.properties().keySet().stream().filter(type::isProperty).toList();
    }

    private static Outcome failed(Check check) {
        return check.severity() == Severity.WARN ? Outcome.WARN : Outcome.FAIL;
    }

    /**
     * Goss's pattern list: each entry a substring some line must contain, a /regex/ some line
     * must match, or either behind ! for "no line may"; \\! starts a literal "!".
     */
    static List<String> missingPatterns(List<?> patterns, String text) {
        List<String> missing = new ArrayList<>();
        for (Object item : patterns) {
            String pattern = String.valueOf(item);
            boolean negate = pattern.startsWith("!");
            String body = negate ? pattern.substring(1) : pattern.startsWith("\\!") ? pattern.substring(1) : pattern;
            boolean found = body.length() >= 2 && body.startsWith("/") && body.endsWith("/")
                    ? Pattern.compile(body.substring(1, body.length() - 1), Pattern.MULTILINE).matcher(text).find()
                    : text.contains(body);
            if (found == negate) {
                missing.add(pattern);
            }
        }
        return missing;
    }

    private static CheckResult result(Check check, String property, Outcome outcome, Object expected, Object found,
                                      String message, Duration took) {
        return new CheckResult(check.type(), check.id(), check.title(), property, outcome, show(expected),
                found == null ? "" : show(found), message, took, check.source());
    }

    /** A value as a person reads it in a report: YAML-ish flow style, long text cut. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Verdicts::show).collect(Collectors.joining(", ", "[", "]"));
        }
        String text = String.valueOf(value);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
