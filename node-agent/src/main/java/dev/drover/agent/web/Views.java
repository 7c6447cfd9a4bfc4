package dev.drover.agent.web;

import dev.drover.agent.checks.FileRun;
import dev.drover.checks.CheckResult;
import dev.drover.checks.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the API (docs/api.md), built from the agent's values; snake_case on the wire. */
final class Views {

    private Views() {
    }

    record ResultView(String type, String id, String title, String property, String outcome, String expected,
                      String found, String message, long durationMs, String source) {
    }

    record FileView(String file, String schedule, Instant lastRun, long durationMs, boolean healthy,
                    long passed, long failed, long warned, long skipped, List<ResultView> results) {
    }

    record CheckCounts(long passed, long failed, long warned, long skipped, Instant lastRun) {
    }

    record AgentInfo(String version, Instant startedAt, String hostname) {
    }

    record Panel(boolean available, String error) {
    }

    record Status(Object node, boolean healthy, CheckCounts checks, AgentInfo agent, Map<String, Object> panels) {
    }

    record ErrorBody(int status, String error) {
    }

    static FileView file(FileRun run) {
        List<ResultView> results = run.report().results().stream().map(Views::result).toList();
        return new FileView(run.file().toString(), run.schedule().describe(), millis(run.report().startedAt()),
                run.report().duration().toMillis(), run.healthy(), run.count(Outcome.PASS), run.count(Outcome.FAIL),
                run.count(Outcome.WARN), run.count(Outcome.SKIP), results);
    }

    static ResultView result(CheckResult r) {
        return new ResultView(r.type(), r.id(), r.title(), r.property(), r.outcome().name().toLowerCase(Locale.ROOT),
                r.expected(), r.found(), r.message(), r.duration() == null ? 0 : r.duration().toMillis(),
                r.source() == null || !r.source().isKnown() ? null : r.source().toString());
    }

    static CheckCounts counts(List<FileRun> runs) {
        long passed = 0, failed = 0, warned = 0, skipped = 0;
        Instant last = null;
        for (FileRun run : runs) {
            passed += run.count(Outcome.PASS);
            failed += run.count(Outcome.FAIL);
            warned += run.count(Outcome.WARN);
            skipped += run.count(Outcome.SKIP);
            Instant end = run.report().startedAt().plus(run.report().duration());
            last = last == null || end.isAfter(last) ? end : last;
        }
        return new CheckCounts(passed, failed, warned, skipped, last == null ? null : millis(last));
    }

    /** Times to the millisecond: what a person or a dashboard can use. */
    static Instant millis(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
