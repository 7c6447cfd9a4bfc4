package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check step runs the agent's own check file, and waits until it passes when told to. */
class WorkflowCheckStepTest {

    @Test
    void waitsUntilTheCheckFilePasses(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ready");
        AgentFixture.checkFile(dir, "ready.yml", """
                file:
                  %s:
                    exists: true
                """.formatted(marker));
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/wait.yml"), """
                steps:
                  - {id: now, type: check, file: ready, on_failure: continue}
                  - {id: make, type: shell, needs: now, command: "sleep 1; touch %s"}
                  - {id: waited, type: check, file: ready.yml, wait_until_passing: true, interval: 300ms, wait_timeout: 20s}
                """.formatted(marker));
        try (AgentFixture f = AgentFixture.start(dir, "checks:\n  - path: ready.yml\n    interval: 1h\n")) {
            String id = f.json(f.post("/api/v1/workflows/wait/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
            JsonNode[] run = new JsonNode[1];
            AgentEventsTest.waitFor(() -> {
                run[0] = f.json(f.get("/api/v1/workflows/runs/" + id));
                return !run[0].path("status").asText().equals("running");
            }, Duration.ofSeconds(30));
            assertThat(run[0].path("status").asText()).as(run[0].toString()).isEqualTo("succeeded");
            JsonNode steps = run[0].path("steps");
            assertThat(steps.get(0).path("status").asText()).isEqualTo("failed");
            assertThat(steps.get(0).path("outputs").path("healthy").asBoolean()).isFalse();
            assertThat(steps.get(2).path("outputs").path("healthy").asBoolean()).isTrue();
            assertThat(steps.get(2).path("log").asText()).contains("1 failed").contains("passing");
            // The step's runs are the agent's runs: they are in the check history.
            assertThat(f.json(f.get("/api/v1/checks/history")).size()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aCheckTurningRedStartsTheWorkflowsWaitingForIt(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("ready");
        AgentFixture.checkFile(dir, "ready.yml", "file:\n  %s:\n    exists: true\n".formatted(marker));
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/triage.yml"), """
                on:
                  check_failed: ready
                inputs:
                  check_file: {}
                steps:
                  - {id: note, type: shell, command: "echo red {{ inputs.check_file }}"}
                """);
        try (AgentFixture f = AgentFixture.start(dir, "checks:\n  - path: ready.yml\n    interval: 1h\n")) {
            // The file runs once at start, red: one run. Red again: no second run.
            AgentEventsTest.waitFor(() -> f.json(f.get("/api/v1/workflows/runs")).size() == 1, Duration.ofSeconds(10));
            f.runNow();
            JsonNode runs = f.json(f.get("/api/v1/workflows/runs"));
            assertThat(runs.size()).isEqualTo(1);
            assertThat(runs.get(0).path("trigger").asText()).isEqualTo("event");
            assertThat(runs.get(0).path("who").asText()).isEqualTo("check_failed: ready.yml");
            assertThat(runs.get(0).path("inputs").path("check_file").asText()).isEqualTo("ready.yml");
            // Green, then red again: a second run.
            Files.writeString(marker, "");
            f.runNow();
            Files.delete(marker);
            f.runNow();
            AgentEventsTest.waitFor(() -> f.json(f.get("/api/v1/workflows/runs")).size() == 2, Duration.ofSeconds(10));
        }
    }
}
