package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportComparisonTest {

    private static PlaybookRunner.Run run(String tool, String host, int exitCode, String tasks, String stats) {
        String json = "{\"plays\": [{\"play\": {\"name\": \"play\"}, \"tasks\": [" + tasks + "]}],"
                + " \"stats\": {\"" + host + "\": " + stats + "}}";
        LocalCommand.Output output = new LocalCommand.Output(List.of(tool), exitCode, json, "", Duration.ZERO);
        return new PlaybookRunner.Run(tool, java.util.List.of(host), output, PlayReport.parse(json));
    }

    private static String task(String name, String host, String result) {
        return "{\"task\": {\"name\": \"" + name + "\"}, \"hosts\": {\"" + host + "\": " + result + "}}";
    }

    private static final String CHANGED = "{\"changed\": true}";
    private static final String OK = "{\"changed\": false}";
    private static final String FAILED = "{\"changed\": false, \"failed\": true, \"msg\": \"no such module: copy\"}";
    private static final String STATS = "{\"ok\": 2, \"changed\": 1, \"failures\": 0, \"skipped\": 0, \"unreachable\": 0, \"rescued\": 0, \"ignored\": 0}";

    @Test
    void equalRunsOnDifferentHostsMatch() {
        PlaybookRunner.Run ansible = run("ansible", "lab1", 0, task("a", "lab1", CHANGED) + "," + task("b", "lab1", OK), STATS);
        PlaybookRunner.Run drover = run("drover", "lab2", 0, task("a", "lab2", CHANGED) + "," + task("b", "lab2", OK), STATS);

        assertThat(ReportComparison.mismatches(ansible, drover)).isEmpty();
    }

    @Test
    void aDifferentStatusNamesTaskHostAndBothStatuses() {
        PlaybookRunner.Run ansible = run("ansible", "lab1", 0, task("write config", "lab1", CHANGED), STATS);
        PlaybookRunner.Run drover = run("drover", "lab2", 0, task("write config", "lab2", OK), STATS);

        assertThat(ReportComparison.mismatches(ansible, drover))
                .containsExactly("play 1 'play', task 1 'write config': ansible@lab1 changed, drover@lab2 ok");
    }

    @Test
    void aFailureCarriesItsMessage() {
        PlaybookRunner.Run ansible = run("ansible", "lab1", 0, task("write config", "lab1", CHANGED), STATS);
        PlaybookRunner.Run drover = run("drover", "lab2", 0, task("write config", "lab2", FAILED), STATS);

        assertThat(ReportComparison.mismatches(ansible, drover))
                .containsExactly("play 1 'play', task 1 'write config': ansible@lab1 changed, drover@lab2 failed (no such module: copy)");
    }

    @Test
    void aDivergingTaskListIsReportedOnceWithBothLists() {
        PlaybookRunner.Run ansible = run("ansible", "lab1", 0, task("a", "lab1", OK) + "," + task("handler", "lab1", OK), STATS);
        PlaybookRunner.Run drover = run("drover", "lab2", 0, task("a", "lab2", OK), STATS);

        assertThat(ReportComparison.mismatches(ansible, drover))
                .containsExactly(
                        "task list differs at task 2: ansible@lab1 has play 1 'play', task 2 'handler', drover@lab2 has no more tasks",
                        "  ansible@lab1 tasks: [a, handler]",
                        "  drover@lab2 tasks: [a]");
    }

    @Test
    void exitCodeAndRecapAreCompared() {
        PlaybookRunner.Run ansible = run("ansible", "lab1", 0, task("a", "lab1", OK), STATS);
        PlaybookRunner.Run drover = run("drover", "lab2", 2, task("a", "lab2", OK), STATS.replace("\"ok\": 2", "\"ok\": 1"));

        assertThat(ReportComparison.mismatches(ansible, drover))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).isEqualTo("exit code: ansible@lab1 0, drover@lab2 2"))
                .anySatisfy(line -> assertThat(line).startsWith("recap: ansible@lab1 HostStats[ok=2"));
    }

    @Test
    void changesOnASecondRunAreReportedUnlessDeclared() {
        PlaybookRunner.Run second = run("drover", "lab2", 0,
                task("touch a stamp", "lab2", CHANGED) + "," + task("write config", "lab2", CHANGED), STATS);

        assertThat(ReportComparison.unexpectedChanges(second, Set.of("touch a stamp")))
                .containsExactly("drover@lab2: play 1 'play', task 2 'write config' reported changed on the second run");
    }
}
