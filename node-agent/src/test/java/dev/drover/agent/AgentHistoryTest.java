package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History stays within its bound however long the agent runs. */
class AgentHistoryTest {

    @Test
    void onlyTheNewestRunsPerFileAreKept(@TempDir Path dir) throws Exception {
        AgentFixture.checkFile(dir, "a.yml", "command:\n  one:\n    exec: \"true\"\n    exit-status: 0\n  two:\n    exec: \"true\"\n    exit-status: 0\n");
        AgentFixture.checkFile(dir, "b.yml", "command:\n  three:\n    exec: \"true\"\n    exit-status: 0\n");
        try (AgentFixture fixture = AgentFixture.start(dir, """
                history:
                  max_runs_per_file: 3
                checks:
                  - {path: a.yml, interval: 1h}
                  - {path: b.yml, interval: 1h}
                """)) {
            for (int i = 0; i < 6; i++) {
                assertThat(fixture.runNow().statusCode()).isEqualTo(200);
            }
            long[] size = fixture.agent.history().size();
            assertThat(size[0]).as("runs").isEqualTo(6); // 3 per file
            assertThat(size[1]).as("property results").isEqualTo(3 * 2 + 3 * 1);
            assertThat(fixture.json(fixture.get("/api/v1/checks/history?limit=100")).size()).isEqualTo(6);
            assertThat(fixture.json(fixture.get("/api/v1/checks/history?file=" + dir.resolve("a.yml"))).size()).isEqualTo(3);
        }
    }

    @Test
    void runsOlderThanMaxDaysGo(@TempDir Path dir) {
        var retention = new dev.drover.agent.config.AgentConfig.History(1000, java.time.Duration.ofDays(7));
        try (var history = new dev.drover.agent.checks.CheckHistory(dir.resolve("h.sqlite"), retention)) {
            Path file = dir.resolve("a.yml");
            var result = new dev.drover.checks.CheckResult("command", "one", "", "exit-status", dev.drover.checks.Outcome.PASS,
                    "0", "0", "ok", java.time.Duration.ofMillis(3), dev.drover.SourceLocation.UNKNOWN);
            var schedule = dev.drover.agent.config.Schedule.every(java.time.Duration.ofMinutes(1));
            java.time.Instant now = java.time.Instant.now();
            history.finished(new dev.drover.agent.checks.FileRun(file, schedule,
                    new dev.drover.checks.HostReport("h", now.minus(java.time.Duration.ofDays(8)), java.time.Duration.ofMillis(5), java.util.List.of(result))));
            assertThat(history.size()).as("a run already past retention goes at once, results too").containsExactly(0, 0);
            history.finished(new dev.drover.agent.checks.FileRun(file, schedule,
                    new dev.drover.checks.HostReport("h", now, java.time.Duration.ofMillis(5), java.util.List.of(result))));
            assertThat(history.size()).containsExactly(1, 1);
            assertThat(history.recent(null, 10).get(0).startedAt().toEpochMilli()).isEqualTo(now.toEpochMilli());
        }
    }
}
