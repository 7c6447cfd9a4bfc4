package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed with SIGKILL in the middle of a run, then started again: the run finishes,
 * and the side effects on disk show every step that had completed ran exactly once. The step
 * that was running when the agent died runs again (its start is written twice), and the copy
 * of its command the dead agent left behind is stopped first (its end is written once). The
 * first copy sleeps 30 s, far longer than a restart takes, so that only the resumed agent can
 * have stopped it; the second copy does not sleep.
 */
class WorkflowKillTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aRunSurvivesSigkillWithoutRepeatingCompletedSteps(@TempDir Path dir) throws Exception {
        Path side = dir.resolve("side-effects");
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/durable.yml"), """
                steps:
                  - {id: first, type: shell, command: "echo first >> %1$s"}
                  - {id: quick, type: shell, needs: first, command: "echo quick >> %1$s"}
                  - id: slow
                    type: shell
                    needs: first
                    command: "echo slow-start >> %1$s; if [ ! -e %1$s.again ]; then touch %1$s.again; sleep 30; fi; echo slow-end >> %1$s"
                  - {id: last, type: shell, needs: [quick, slow], command: "echo last >> %1$s"}
                """.formatted(side));
        Path config = AgentFixture.writeConfig(dir, "");

        Process agent = AgentProcesses.start(config, dir.resolve("agent-1.log"));
        String runId;
        try {
            int port = AgentProcesses.waitForPort(dir.resolve("agent-1.log"), agent);
            HttpResponse<String> started = post(port, "/api/v1/workflows/durable/runs", "{}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            runId = json.readTree(started.body()).path("id").asText();
            AgentEventsTest.waitFor(() -> lines(side).containsAll(List.of("first", "quick", "slow-start")), Duration.ofSeconds(10));
        } finally {
            agent.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to write anything more
            agent.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(lines(side)).doesNotContain("slow-end", "last");

        Process again = AgentProcesses.start(config, dir.resolve("agent-2.log"));
        try {
            int port = AgentProcesses.waitForPort(dir.resolve("agent-2.log"), again);
            JsonNode run = null;
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                run = json.readTree(get(port, "/api/v1/workflows/runs/" + runId).body());
                if (!run.path("status").asText().equals("running")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
            List<String> effects = lines(side);
            assertThat(Collections.frequency(effects, "first")).isEqualTo(1);
            assertThat(Collections.frequency(effects, "quick")).isEqualTo(1);
            assertThat(Collections.frequency(effects, "slow-start")).isEqualTo(2);
            assertThat(Collections.frequency(effects, "slow-end")).isEqualTo(1);
            assertThat(Collections.frequency(effects, "last")).isEqualTo(1);
            JsonNode slow = null;
            for (JsonNode step : run.path("steps")) {
                if (step.path("id").asText().equals("slow")) {
                    slow = step;
                }
            }
            assertThat(slow.path("attempts").asInt()).isEqualTo(2);
            assertThat(slow.path("log").asText()).contains("stopped the command left running by the previous agent");
        } finally {
            again.destroy();
            again.waitFor(20, TimeUnit.SECONDS);
            again.destroyForcibly();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(int port, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + AgentFixture.OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
