package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The circuit breakers as an operator meets them: set in agent.yml (refused with file:line when
 * wrong), listed by GET /api/v1/workflows/breakers after a real endpoint failed, reset over the API
 * (operator only, audited), and the next run calls the endpoint again.
 */
class WorkflowBreakersTest {

    @TempDir
    Path dir;

    @Test
    void settingsHaveDefaultsAndPerEndpointOverrides() throws Exception {
        AgentConfig.Breakers defaults = ConfigLoader.load(write("port: 0\n")).workflows().breakers();
        assertThat(defaults.failures()).isEqualTo(5);
        assertThat(defaults.coolDown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.endpoints()).isEmpty();

        AgentConfig.Breakers set = ConfigLoader.load(write("""
                workflows:
                  breakers:
                    failures: 3
                    cool_down: 2m
                    endpoints:
                      "http://GPU1:8080/v1/chat/completions": {failures: 1}
                      "https://router.lab": {cool_down: 5s}
                """)).workflows().breakers();
        assertThat(set.failures()).isEqualTo(3);
        assertThat(set.coolDown()).isEqualTo(Duration.ofMinutes(2));
        // Keyed by server, as breakers are; what an override leaves out comes from the agent-wide settings.
        assertThat(set.endpoints()).containsOnlyKeys("http://gpu1:8080", "https://router.lab:443");
        assertThat(set.endpoints().get("http://gpu1:8080")).isEqualTo(new AgentConfig.Breaker(1, Duration.ofMinutes(2)));
        assertThat(set.endpoints().get("https://router.lab:443")).isEqualTo(new AgentConfig.Breaker(3, Duration.ofSeconds(5)));
    }

    @Test
    void wrongSettingsAreRefusedWithFileAndLine() throws Exception {
        refused("workflows:\n  breakers:\n    failures: 0\n", ":3", "'workflows.breakers.failures' must be");
        refused("workflows:\n  breakers:\n    cool_down: soon\n", ":3", "'workflows.breakers.cool_down' must be a duration");
        refused("workflows:\n  breakers:\n    cool_down: 0s\n", ":3", "'workflows.breakers.cool_down' must be more than 0");
        refused("workflows:\n  breakers:\n    failure: 3\n", ":3", "unknown setting 'workflows.breakers.failure'");
        refused("workflows:\n  breakers:\n    endpoints:\n      gpu1: {failures: 2}\n", ":4", "is not an endpoint's address");
        refused("workflows:\n  breakers:\n    endpoints:\n      \"http://gpu1\": {failure: 2}\n", ":4", "unknown setting");
        refused("workflows:\n  breakers:\n    endpoints:\n      \"http://gpu1\": {}\n      \"http://gpu1:80/x\": {}\n", ":5",
                "names the server http://gpu1:80 a second time");
    }

    @Test
    void anOpenBreakerIsListedAndAnOperatorResetsIt() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort(); // nothing listens there once closed: every call is refused
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/notify.yml"), """
                steps:
                  - {id: tell, type: http, url: "%s/hook", json: {text: hi}}
                """.formatted(endpoint));
        try (AgentFixture f = AgentFixture.start(dir, AgentFixture.tokens(true) + """
                workflows:
                  breakers:
                    failures: 2
                    cool_down: 1h
                    endpoints:
                      "http://gpu9:8080": {failures: 1, cool_down: 10s}
                """)) {
            // Configured endpoints are listed before any call, closed, with their own settings.
            JsonNode before = f.json(f.get("/api/v1/workflows/breakers"));
            assertThat(before.size()).isEqualTo(1);
            assertThat(before.get(0).path("endpoint").asText()).isEqualTo("http://gpu9:8080");
            assertThat(before.get(0).path("state").asText()).isEqualTo("closed");
            assertThat(before.get(0).path("failure_threshold").asInt()).isEqualTo(1);
            assertThat(before.get(0).path("cool_down").asText()).isEqualTo("10s");

            // Two failed runs open it; the third is refused without a call.
            assertThat(runError(f)).contains("cannot connect to " + endpoint);
            assertThat(breaker(f, endpoint).path("state").asText()).isEqualTo("closed");
            assertThat(breaker(f, endpoint).path("consecutive_failures").asInt()).isEqualTo(1);
            runError(f);
            JsonNode open = breaker(f, endpoint);
            assertThat(open.path("state").asText()).isEqualTo("open");
            assertThat(open.path("consecutive_failures").asInt()).isEqualTo(2);
            assertThat(open.path("failure_threshold").asInt()).isEqualTo(2);
            assertThat(open.path("cool_down").asText()).isEqualTo("1h");
            assertThat(open.path("last_error").asText()).isEqualTo("ConnectException: connection refused or unreachable");
            Instant openedAt = Instant.parse(open.path("opened_at").asText());
            assertThat(Instant.parse(open.path("next_trial_at").asText())).isEqualTo(openedAt.plus(Duration.ofHours(1)));
            assertThat(runError(f)).contains("circuit breaker of " + endpoint + " is open");
            assertThat(f.get("/metrics").body()).as("the open breaker on /metrics")
                    .contains("drover_workflow_breaker_state{endpoint=\"" + endpoint + "\",state=\"open\"} 1.0")
                    .contains("drover_workflow_breaker_state{endpoint=\"" + endpoint + "\",state=\"closed\"} 0.0")
                    .contains("drover_workflow_breaker_consecutive_failures{endpoint=\"" + endpoint + "\"} 2.0");

            // Reset: operators only; a wrong or missing endpoint is said so; any URL of the server names it.
            String reset = "/api/v1/workflows/breakers/reset";
            String body = "{\"endpoint\": \"" + endpoint + "/hook\"}";
            assertThat(f.post(reset, null, body).statusCode()).isEqualTo(401);
            assertThat(f.post(reset, AgentFixture.VIEWER, body).statusCode()).isEqualTo(403);
            HttpResponse<String> missing = f.post(reset, AgentFixture.OPERATOR, "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(f.json(missing).path("error").asText()).startsWith("send {\"endpoint\": \"http://host:port\"}");
            HttpResponse<String> unknown = f.post(reset, AgentFixture.OPERATOR, "{\"endpoint\": \"http://nowhere:1\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(f.json(unknown).path("error").asText())
                    .isEqualTo("no circuit breaker for 'http://nowhere:1'; there are: " + endpoint + ", http://gpu9:8080");
            HttpResponse<String> done = f.post(reset, AgentFixture.OPERATOR, body);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(f.json(done).path("state").asText()).isEqualTo("closed");
            assertThat(f.json(done).path("consecutive_failures").asInt()).isZero();
            assertThat(f.json(done).path("last_error").asText()).as("kept as history").startsWith("ConnectException");
            assertThat(Files.readString(f.agent.auditLog()))
                    .contains("\"path\":\"" + reset + "\"", "reset circuit breaker " + endpoint + " (was open)");

            // Closed again: the next run calls the endpoint (and fails on the connection, not the breaker).
            assertThat(runError(f)).contains("cannot connect to " + endpoint).doesNotContain("circuit breaker");
            assertThat(breaker(f, endpoint).path("consecutive_failures").asInt()).isEqualTo(1);
        }
    }

    /** Runs notify to its end; the run's error. */
    private static String runError(AgentFixture f) throws Exception {
        String id = f.json(f.post("/api/v1/workflows/notify/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
        JsonNode[] run = new JsonNode[1];
        AgentEventsTest.waitFor(() -> {
            run[0] = f.json(f.get("/api/v1/workflows/runs/" + id));
            return !run[0].path("status").asText().equals("running");
        }, Duration.ofSeconds(10));
        assertThat(run[0].path("status").asText()).isEqualTo("failed");
        return run[0].path("error").asText();
    }

    private static JsonNode breaker(AgentFixture f, String endpoint) {
        for (JsonNode b : f.json(f.get("/api/v1/workflows/breakers"))) {
            if (b.path("endpoint").asText().equals(endpoint)) {
                return b;
            }
        }
        throw new AssertionError("no breaker " + endpoint);
    }

    private void refused(String yaml, String lineSuffix, String message) throws Exception {
        AgentFixture.assertConfigRefused(dir, yaml, lineSuffix, message);
    }

    private Path write(String yaml) throws Exception {
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, yaml);
        return config;
    }
}
