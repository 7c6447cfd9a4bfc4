package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.config.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config: defaults for everything, and any mistake refused with file:line before anything starts. */
class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void noConfigMeansSaneDefaults() {
        AgentConfig config = ConfigLoader.defaults();
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8700);
        assertThat(config.checks()).isEmpty();
        assertThat(config.healthzCache()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.auth().readOpen()).isTrue();
        assertThat(config.rateLimit().enabled()).isTrue();
        assertThat(config.tls()).isEmpty();
        assertThat(config.consul()).isEmpty();
        assertThat(config.dockerHost()).hasValue("unix:///var/run/docker.sock");
    }

    @Test
    void everySettingIsRead() throws Exception {
        Files.writeString(dir.resolve("a.yml"), "");
        Path config = write("""
                bind: 127.0.0.1
                port: 9000
                data_dir: state
                checks:
                  - path: a.yml
                    cron: "*/5 * * * *"
                    timeout: 3s
                vars: {role: web}
                healthz: {cache_seconds: 2}
                history: {max_runs_per_file: 50, max_days: 3}
                auth:
                  read_open: false
                  tokens:
                    - {name: ci, role: operator, sha256: %s}
                rate_limit: {requests_per_second: 5, burst: 7}
                consul: {address: "127.0.0.1:8500", service: node, tags: [a, b], check_interval: 15s}
                docker: {host: "tcp://127.0.0.1:2375"}
                """.formatted(AgentFixture.sha256("x")));
        AgentConfig c = ConfigLoader.load(config);
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.checks().get(0).path()).isEqualTo(dir.resolve("a.yml"));
        assertThat(c.checks().get(0).schedule().cron()).isEqualTo("0 */5 * * * ?");
        assertThat(c.checks().get(0).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.vars()).containsEntry("role", "web");
        assertThat(c.history().maxRunsPerFile()).isEqualTo(50);
        assertThat(c.auth().tokens().get(0).role()).isEqualTo(Role.OPERATOR);
        assertThat(c.rateLimit().burst()).isEqualTo(7);
        assertThat(c.consul().orElseThrow().address()).isEqualTo("http://127.0.0.1:8500");
        assertThat(c.consul().orElseThrow().tags()).containsExactly("a", "b");
        assertThat(c.dockerHost()).hasValue("tcp://127.0.0.1:2375");
    }

    @Test
    void dockerCanBeTurnedOffForANodeWithoutContainers() throws Exception {
        assertThat(ConfigLoader.load(write("docker: {enabled: false}\n")).dockerHost()).isEmpty();
        assertRefused("docker: {enabled: maybe}\n", ":1", "docker.enabled");
    }

    @Test
    void mistakesNameTheFileAndLine() throws Exception {
        assertRefused("port: 8700\nchecks:\n  - path: a.yml\n    interval: soon\n", ":4", "interval");
        assertRefused("port: 8700\nauth:\n  read_opne: false\n", ":3", "unknown setting 'auth.read_opne'");
        assertRefused("auth:\n  tokens:\n    - name: ci\n      sha256: abc\n", ":4", "64 hex digits");
        assertRefused("checks:\n  - path: a.yml\n    cron: \"not a cron\"\n", ":3", "cron");
        assertRefused("port: [1\n", ":", "");
        assertRefused("port: 99999\n", ":1", "between 0 and 65535");
        assertRefused("auth:\n  tokens:\n    - {name: ci, sha256: %s, role: god}\n".formatted(AgentFixture.sha256("x")), ":3", "viewer, operator or admin");
    }

    @Test
    void aMalformedCheckFileStopsTheStartWithItsFileAndLine() throws Exception {
        Path checks = dir.resolve("bad-checks.yml");
        Files.writeString(checks, "command:\n  hello:\n    exec: \"echo hi\"\n    exit-status: [unclosed\n");
        Path config = write("port: 0\nbind: 127.0.0.1\ndata_dir: data\nchecks:\n  - path: bad-checks.yml\n");
        assertThatThrownBy(() -> Agent.start(ConfigLoader.load(config)))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe()).contains(checks.toString() + ":"));
        assertThat(dir.resolve("data")).as("nothing was created for a refused start").doesNotExist();
    }

    @Test
    void theCommandExitsWith2AndSaysWhy() throws Exception {
        Path config = write("port: 8700\nhistory:\n  max_days: forever\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new DroverAgent()).execute("--config", config.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(config + ":3").contains("history.max_days").contains("not started");
    }

    @Test
    void hashTokenPrintsTheSha256OfStdin() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        java.io.InputStream savedIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.UTF_8)));
        int code;
        try {
            code = new CommandLine(new DroverAgent()).execute("hash-token");
        } finally {
            System.setOut(savedOut);
            System.setIn(savedIn);
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(AgentFixture.sha256("s3cret"));
    }

    @Test
    void validateChecksWorkflowFilesWithNoAgentRunning() throws Exception {
        Path good = dir.resolve("good.yml");
        Files.writeString(good, "steps:\n  - {id: a, type: shell, runs_on: nomad, command: \"true\"}\n");
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "steps:\n  - {id: a, type: wake, runs_on: nomad, node: n1}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new DroverAgent()).execute("validate", good.toString(), bad.toString());
        } finally {
            System.setOut(savedOut);
        }
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(good + ": valid, workflow good with 1 steps")
                .contains(bad + ":2:25: step 'a': wake steps run on this agent only");
    }

    private void assertRefused(String yaml, String lineSuffix, String message) throws Exception {
        AgentFixture.assertConfigRefused(dir, yaml, lineSuffix, message);
    }

    private Path write(String yaml) throws Exception {
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, yaml);
        return config;
    }
}
