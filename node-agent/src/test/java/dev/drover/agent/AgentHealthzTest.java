package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz: 200 when every non-warn check passes, 503 otherwise, in the format asked for. */
class AgentHealthzTest {

    @TempDir
    static Path dir;
    static Path flag;
    static AgentFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        flag = dir.resolve("flag");
        Files.writeString(flag, "up");
        AgentFixture.checkFile(dir, "checks.yml", """
                command:
                  flag-present:
                    exec: "test -f %s"
                    exit-status: 0
                  optional-thing:
                    exec: "false"
                    exit-status: 0
                    severity: warn
                """.formatted(flag));
        fixture = AgentFixture.start(dir, """
                healthz:
                  cache_seconds: 0
                checks:
                  - path: checks.yml
                    interval: 1h
                """);
        assertThat(fixture.runNow().statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void healthyNodeAnswers200InJsonByDefaultAndAWarnDoesNotFailIt() {
        HttpResponse<String> response = fixture.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = fixture.json(response);
        assertThat(body.toString()).contains("flag-present");
    }

    @Test
    void aFailingCheckTurnsItInto503UntilItPassesAgain() throws Exception {
        Files.delete(flag);
        try {
            fixture.runNow();
            assertThat(fixture.get("/healthz").statusCode()).isEqualTo(503);
        } finally {
            Files.writeString(flag, "up");
        }
        fixture.runNow();
        assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void formatIsChosenByQueryOrAccept() {
        HttpResponse<String> tap = fixture.get("/healthz?format=tap");
        assertThat(tap.statusCode()).isEqualTo(200);
        assertThat(tap.body()).contains("ok ");
        assertThat(tap.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        HttpResponse<String> junit = fixture.get("/healthz", "Accept", "application/xml");
        assertThat(junit.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(junit.body()).contains("<testsuite");

        HttpResponse<String> nagios = fixture.get("/healthz?format=nagios");
        assertThat(nagios.body()).as("a failed warn check warns without failing").contains("WARNING").contains("optional-thing");
        assertThat(nagios.statusCode()).isEqualTo(200);

        HttpResponse<String> prometheus = fixture.get("/healthz?format=prometheus");
        assertThat(prometheus.body()).contains("# TYPE");
    }

    @Test
    void anUnknownFormatIsA400NamingTheKnownOnes() {
        HttpResponse<String> response = fixture.get("/healthz?format=yaml");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown format 'yaml'").contains("junit");
    }

    @Test
    void theCacheNeverOutlivesTheResultsItRendered(@TempDir Path other) throws Exception {
        Path otherFlag = other.resolve("flag");
        AgentFixture.checkFile(other, "c.yml", "command:\n  f:\n    exec: \"test -f " + otherFlag + "\"\n    exit-status: 0\n");
        try (AgentFixture cached = AgentFixture.start(other, "healthz:\n  cache_seconds: 60\nchecks:\n  - {path: c.yml, interval: 1h}\n")) {
            cached.runNow();
            HttpResponse<String> failing = cached.get("/healthz");
            assertThat(failing.statusCode()).isEqualTo(503);
            assertThat(cached.get("/healthz").body()).as("the same rendering within the minute").isEqualTo(failing.body());

            Files.writeString(otherFlag, "up");
            cached.runNow();
            assertThat(cached.get("/healthz").statusCode()).as("a finished run is served at once, cache or not").isEqualTo(200);
        }
    }
}
