package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON of every GET route, field by field as docs/api.md lists them. */
class AgentApiTest {

    @TempDir
    static Path dir;
    static AgentFixture fixture;
    static String checkFile;

    @BeforeAll
    static void start() throws Exception {
        checkFile = AgentFixture.checkFile(dir, "node.yml", """
                command:
                  echo-hello:
                    exec: "echo hello"
                    exit-status: 0
                    stdout:
                      - hello
                  always-fails:
                    exec: "exit 3"
                    exit-status: 0
                """).toString();
        fixture = AgentFixture.start(dir, "checks:\n  - path: node.yml\n    interval: 1h\n    timeout: 5s\n");
        fixture.runNow();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void statusDescribesTheNodeTheChecksAndTheAgent() {
        HttpResponse<String> response = fixture.get("/api/v1/status");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = fixture.json(response);
        assertThat(status.path("node").path("hostname").asText()).isNotBlank();
        assertThat(status.path("node").path("cpu_count").asInt()).isPositive();
        assertThat(status.path("node").path("memory_total_mb").asLong()).isPositive();
        assertThat(status.path("healthy").asBoolean()).isFalse();
        JsonNode checks = status.path("checks");
        assertThat(checks.path("passed").asInt()).isPositive();
        assertThat(checks.path("failed").asInt()).isPositive();
        assertThat(checks.has("warned")).isTrue();
        assertThat(checks.has("skipped")).isTrue();
        assertThat(checks.path("last_run").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status.path("agent").path("version").asText()).isNotBlank();
        assertThat(status.path("agent").path("started_at").asText()).endsWith("Z");
        assertThat(status.path("panels").path("docker").path("available").asBoolean()).isFalse();
        assertThat(status.path("panels").path("docker").path("error").asText()).isNotBlank();
        assertThat(status.path("panels").path("consul").path("available").asBoolean()).isFalse();
    }

    @Test
    void checksListEachFileWithItsResults() {
        JsonNode files = fixture.json(fixture.get("/api/v1/checks"));
        assertThat(files.size()).isEqualTo(1);
        JsonNode file = files.get(0);
        assertThat(file.path("file").asText()).isEqualTo(checkFile);
        assertThat(file.path("schedule").asText()).isEqualTo("every 1h");
        assertThat(file.path("last_run").asText()).endsWith("Z");
        assertThat(file.has("duration_ms")).isTrue();
        assertThat(file.path("healthy").asBoolean()).isFalse();
        JsonNode failed = null;
        for (JsonNode result : file.path("results")) {
            for (String field : new String[] {"type", "id", "title", "property", "outcome", "expected", "found", "message", "duration_ms"}) {
                assertThat(result.has(field)).as(field + " in " + result).isTrue();
            }
            if (result.path("id").asText().equals("always-fails") && result.path("outcome").asText().equals("fail")) {
                failed = result;
            }
        }
        assertThat(failed).as("the failing check's result").isNotNull();
        assertThat(failed.path("type").asText()).isEqualTo("command");
        assertThat(failed.path("found").asText()).contains("3");
    }

    @Test
    void historyListsRunsNewestFirst() {
        fixture.runNow();
        JsonNode history = fixture.json(fixture.get("/api/v1/checks/history?file=" + checkFile + "&limit=2"));
        assertThat(history.size()).isEqualTo(2);
        JsonNode newest = history.get(0);
        assertThat(newest.path("file").asText()).isEqualTo(checkFile);
        assertThat(newest.path("started_at").asText()).endsWith("Z");
        assertThat(newest.path("passed").asInt()).isPositive();
        assertThat(newest.path("failed").asInt()).isPositive();
        assertThat(newest.has("warned")).isTrue();
        assertThat(newest.has("skipped")).isTrue();
        assertThat(newest.has("duration_ms")).isTrue();
        assertThat(newest.path("healthy").asBoolean()).isFalse();
        assertThat(newest.path("started_at").asText()).isGreaterThanOrEqualTo(history.get(1).path("started_at").asText());
    }

    @Test
    void historyRefusesABadLimitAndAnUnknownFile() {
        assertThat(fixture.get("/api/v1/checks/history?limit=zero").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = fixture.get("/api/v1/checks/history?file=/nope.yml");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(fixture.json(unknown).path("error").asText()).contains("/nope.yml");
    }

    @Test
    void containersSayDockerIsNotAvailableWithoutFailing() {
        HttpResponse<String> response = fixture.get("/api/v1/containers");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = fixture.json(response);
        assertThat(body.path("available").asBoolean()).isFalse();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("containers").isArray()).isTrue();
    }

    @Test
    void runNowAnswersWhatChecksShows() {
        HttpResponse<String> response = fixture.runNow();
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode files = fixture.json(response);
        assertThat(files.get(0).path("file").asText()).isEqualTo(checkFile);
        assertThat(files.get(0).path("results").size()).isPositive();
    }

    @Test
    void anUnknownRouteIs404() {
        assertThat(fixture.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
    }
}
