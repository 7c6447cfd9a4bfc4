package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing workflow files without restarting the agent (a restart would interrupt the steps in
 * flight): POST /api/v1/workflows/reload and SIGHUP read the directory again; a file that does
 * not load changes nothing and is named; runs already going keep their own text.
 */
class WorkflowReloadTest {

    @Test
    void reloadPicksUpAddedChangedAndRemovedFilesAndTheirSchedules(@TempDir Path dir) throws Exception {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("slow.yml"), """
                steps:
                  - {id: wait, type: shell, command: "sleep 2; echo old text"}
                """);
        Files.writeString(workflows.resolve("gone.yml"), "steps:\n  - {id: a, type: shell, command: \"true\"}\n");
        try (AgentFixture f = AgentFixture.start(dir, "")) {
            String running = f.json(f.post("/api/v1/workflows/slow/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();

            Files.writeString(workflows.resolve("slow.yml"), """
                    steps:
                      - {id: wait, type: shell, command: "echo new text"}
                    """);
            Files.delete(workflows.resolve("gone.yml"));
            Files.writeString(workflows.resolve("tick.yml"), """
                    schedule: "* * * * * ?"
                    steps:
                      - {id: tick, type: shell, command: "echo tick"}
                    """);
            assertThat(f.post("/api/v1/workflows/reload", AgentFixture.VIEWER).statusCode()).isEqualTo(403);
            HttpResponse<String> reloaded = f.post("/api/v1/workflows/reload", AgentFixture.OPERATOR);
            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            JsonNode change = f.json(reloaded);
            assertThat(change.path("reloaded").asBoolean()).isTrue();
            assertThat(texts(change.path("workflows"))).containsExactly("slow", "tick");
            assertThat(texts(change.path("added"))).containsExactly("tick");
            assertThat(texts(change.path("removed"))).containsExactly("gone");
            assertThat(texts(change.path("changed"))).containsExactly("slow");

            // The run that was going finishes with the text it started with; a new run has the new one.
            JsonNode before = f.awaitRun(running);
            assertThat(before.at("/steps/0/outputs/stdout").asText()).isEqualTo("old text");
            String fresh = f.json(f.post("/api/v1/workflows/slow/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
            assertThat(f.awaitRun(fresh).at("/steps/0/outputs/stdout").asText()).isEqualTo("new text");
            assertThat(f.post("/api/v1/workflows/gone/runs", AgentFixture.OPERATOR, "{}").statusCode()).isEqualTo(404);
            // The added file's schedule is in place: it starts runs on its own.
            AgentEventsTest.waitFor(() -> runsOf(f, "tick") > 0, Duration.ofSeconds(10));
            assertThat(Files.readString(dir.resolve("data/audit.log"))).contains("/api/v1/workflows/reload")
                    .contains("reloaded: 2 workflows (added tick, removed gone, changed slow)");
        }
    }

    @Test
    void aFileThatDoesNotLoadChangesNothingAndIsNamed(@TempDir Path dir) throws Exception {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("good.yml"), "steps:\n  - {id: a, type: shell, command: \"echo good\"}\n");
        try (AgentFixture f = AgentFixture.start(dir, "")) {
            Files.writeString(workflows.resolve("good.yml"), "steps:\n  - {id: a, type: shell, command: \"echo changed\"}\n");
            Files.writeString(workflows.resolve("bad.yml"), "steps:\n  - {id: a, type: shel, command: x}\n");
            HttpResponse<String> refused = f.post("/api/v1/workflows/reload", AgentFixture.OPERATOR);
            assertThat(refused.statusCode()).isEqualTo(422);
            JsonNode answer = f.json(refused);
            assertThat(answer.path("reloaded").asBoolean()).isFalse();
            assertThat(answer.path("error").asText()).contains("bad.yml:2:").contains("unknown type 'shel'");
            assertThat(texts(answer.path("workflows"))).containsExactly("good");
            String run = f.json(f.post("/api/v1/workflows/good/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
            assertThat(f.awaitRun(run).at("/steps/0/outputs/stdout").asText()).as("the old text still runs").isEqualTo("good");
        }
    }

    @Test
    void sighupReloadsTheWorkflowsOfARunningAgent(@TempDir Path dir) throws Exception {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Path config = AgentFixture.writeConfig(dir, "");
        Path log = dir.resolve("agent.log");
        Process agent = AgentProcesses.start(config, log);
        try {
            int port = AgentProcesses.waitForPort(log, agent);
            Files.writeString(workflows.resolve("later.yml"), "steps:\n  - {id: a, type: shell, command: \"true\"}\n");
            hangup(agent);
            AgentEventsTest.waitFor(() -> quietly(() -> list(port)).contains("\"later\""), Duration.ofSeconds(10));
            Files.writeString(workflows.resolve("broken.yml"), "steps: [\n");
            hangup(agent);
            AgentEventsTest.waitFor(() -> quietly(() -> Files.readString(log)).contains("SIGHUP: workflows not reloaded"), Duration.ofSeconds(10));
            assertThat(Files.readString(log)).contains("broken.yml:");
            assertThat(agent.isAlive()).as("a bad file does not stop the agent").isTrue();
            assertThat(list(port)).contains("\"later\"");
        } finally {
            agent.destroy();
            if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    private static String quietly(java.util.concurrent.Callable<String> read) {
        try {
            return read.call();
        } catch (Exception e) {
            return "";
        }
    }

    private static void hangup(Process agent) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static String list(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/workflows")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int runsOf(AgentFixture f, String workflow) {
        int count = 0;
        for (JsonNode run : f.json(f.get("/api/v1/workflows/runs"))) {
            if (run.path("workflow").asText().equals(workflow)) {
                count++;
            }
        }
        return count;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
