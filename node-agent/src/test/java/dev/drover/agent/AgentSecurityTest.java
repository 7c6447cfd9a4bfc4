package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, roles, the audit log, the rate limit and Origin checks, as a client meets them. */
class AgentSecurityTest {

    @TempDir
    static Path dir;
    static AgentFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        AgentFixture.checkFile(dir, "c.yml", "command:\n  true:\n    exec: \"true\"\n    exit-status: 0\n");
        fixture = AgentFixture.start(dir, "checks:\n  - {path: c.yml, interval: 1h}\n" + AgentFixture.tokens(false));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void runNeedsAnOperatorAndEveryAttemptIsAudited() throws Exception {
        HttpResponse<String> anonymous = fixture.post("/api/v1/checks/run", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(fixture.post("/api/v1/checks/run", "not-a-token").statusCode()).isEqualTo(401);
        HttpResponse<String> viewer = fixture.post("/api/v1/checks/run", AgentFixture.VIEWER);
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(fixture.json(viewer).path("error").asText()).contains("viewer").contains("operator");
        assertThat(fixture.post("/api/v1/checks/run", AgentFixture.OPERATOR).statusCode()).isEqualTo(200);
        assertThat(fixture.post("/api/v1/checks/run", AgentFixture.ADMIN).statusCode()).isEqualTo(200);

        List<String> lines = Files.readAllLines(fixture.agent.auditLog());
        List<JsonNode> entries = lines.stream().map(line -> {
            try {
                return fixture.json.readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(e -> e.path("path").asText().equals("/api/v1/checks/run")).toList();
        assertThat(entries).extracting(e -> e.path("who").asText() + " " + e.path("status").asInt())
                .containsSubsequence("anonymous 401", "anonymous 401", "alice 403", "ops 200", "root 200");
        JsonNode ok = entries.stream().filter(e -> e.path("who").asText().equals("ops")).findFirst().orElseThrow();
        assertThat(ok.path("method").asText()).isEqualTo("POST");
        assertThat(ok.path("client").asText()).isEqualTo("127.0.0.1");
        assertThat(ok.path("result").asText()).isEqualTo("ok");
        assertThat(ok.path("time").asText()).endsWith("Z");
        assertThat(lines).noneMatch(line -> line.contains(AgentFixture.OPERATOR));
    }

    @Test
    void closedReadsNeedAnyValidTokenButHealthzAndThePageShellStayOpen() {
        assertThat(fixture.get("/api/v1/status").statusCode()).isEqualTo(401);
        assertThat(fixture.get("/api/v1/status", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(fixture.get("/api/v1/status", "Authorization", "Bearer " + AgentFixture.VIEWER).statusCode()).isEqualTo(200);
        assertThat(fixture.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(fixture.get("/healthz").statusCode()).isIn(200, 503);
        HttpResponse<String> page = fixture.get("/");
        assertThat(page.statusCode()).as("the page loads, then asks for a token").isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(fixture.get("/api/v1/checks").statusCode()).isEqualTo(401);
    }

    @Test
    void aForeignOriginCannotOpenTheEventStreamOrPost() {
        String port = String.valueOf(fixture.agent.port());
        HttpResponse<String> foreign = fixture.get("/api/v1/events", "Origin", "http://evil.example", "Accept", "text/event-stream",
                "Authorization", "Bearer " + AgentFixture.VIEWER);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(fixture.json(foreign).path("error").asText()).contains("evil.example");

        HttpRequest post = HttpRequest.newBuilder(fixture.uri("/api/v1/checks/run")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example").header("Authorization", "Bearer " + AgentFixture.OPERATOR).build();
        assertThat(fixture.send(post).statusCode()).isEqualTo(403);

        // The agent's own page (same host and port) may open it.
        HttpRequest same = HttpRequest.newBuilder(fixture.uri("/api/v1/events?access_token=" + AgentFixture.VIEWER))
                .header("Origin", "http://127.0.0.1:" + port).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<java.io.InputStream> stream = sendStreaming(same);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        closeQuietly(stream.body());
    }

    @Test
    void tooManyRequestsFromOneClientGet429WithRetryAfter(@TempDir Path other) throws Exception {
        try (AgentFixture limited = AgentFixture.start(other, "rate_limit:\n  requests_per_second: 1\n  burst: 3\n")) {
            for (int i = 0; i < 3; i++) {
                assertThat(limited.get("/healthz").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = limited.get("/healthz");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            Thread.sleep(1100);
            assertThat(limited.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<java.io.InputStream> sendStreaming(HttpRequest request) {
        try {
            return fixture.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(java.io.InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException ignored) {
            // The stream is endless; closing is how a client leaves.
        }
    }
}
