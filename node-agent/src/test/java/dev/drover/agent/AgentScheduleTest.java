package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files run on their own schedule, and a file never runs twice at the same time. */
class AgentScheduleTest {

    @Test
    void aSlowFileNeverOverlapsItselfEvenWhenRunByHandMeanwhile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("runs.log");
        // Each run writes "start" and "end" lines with a nanosecond clock, and takes longer than its interval.
        AgentFixture.checkFile(dir, "slow.yml", """
                command:
                  slow:
                    exec: "echo start $(date +%%s%%N) >> %1$s; sleep 1.3; echo end $(date +%%s%%N) >> %1$s"
                    exit-status: 0
                """.formatted(log));
        try (AgentFixture fixture = AgentFixture.start(dir, "checks:\n  - {path: slow.yml, interval: 1s, timeout: 5s}\n")) {
            Thread.sleep(500);
            CompletableFuture<Integer> byHand = CompletableFuture.supplyAsync(() -> fixture.runNow().statusCode());
            Thread.sleep(3500);
            assertThat(byHand.join()).isEqualTo(200);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines.size()).as("several runs happened: " + lines).isGreaterThanOrEqualTo(6);
        List<long[]> runs = new ArrayList<>();
        long[] open = null;
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts[0].equals("start")) {
                assertThat(open).as("a run started while another was running: " + lines).isNull();
                open = new long[] {Long.parseLong(parts[1]), 0};
            } else {
                assertThat(open).isNotNull();
                open[1] = Long.parseLong(parts[1]);
                runs.add(open);
                open = null;
            }
        }
        assertThat(runs.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anIntervalFileRunsAtOnceAndThenOnItsInterval(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("ticks.log");
        AgentFixture.checkFile(dir, "tick.yml", "command:\n  tick:\n    exec: \"echo tick >> " + log + "\"\n    exit-status: 0\n");
        try (AgentFixture fixture = AgentFixture.start(dir, "checks:\n  - {path: tick.yml, interval: 1s}\n")) {
            AgentEventsTest.waitFor(() -> fixture.agent.files().allRan(), java.time.Duration.ofSeconds(3));
            Thread.sleep(2300);
        }
        assertThat(Files.readAllLines(log)).hasSizeBetween(3, 4);
    }

    @Test
    void aCronFileRunsAtStartAndHealthzNeedNotWaitForItsFirstTick(@TempDir Path dir) throws Exception {
        AgentFixture.checkFile(dir, "yearly.yml", "command:\n  ok:\n    exec: \"true\"\n    exit-status: 0\n");
        try (AgentFixture fixture = AgentFixture.start(dir, "healthz: {cache_seconds: 0}\nchecks:\n  - {path: yearly.yml, cron: \"0 3 1 1 *\"}\n")) {
            AgentEventsTest.waitFor(() -> fixture.get("/healthz").statusCode() == 200, java.time.Duration.ofSeconds(5));
            var checks = fixture.json(fixture.get("/api/v1/checks"));
            assertThat(checks.get(0).path("schedule").asText()).isEqualTo("cron 0 0 3 1 1 ?");
        }
    }
}
