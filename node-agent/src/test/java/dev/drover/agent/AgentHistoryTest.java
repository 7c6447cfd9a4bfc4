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
}
