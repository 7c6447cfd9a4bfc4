package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.cli.DroverCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/drover workflow run|validate|reload|status} against a real agent. */
class WorkflowCliTest {

    private record Outcome(int code, String out) {
    }

    private static synchronized Outcome drover(Map<String, String> environment, String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = DroverCommand.run(args, environment);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(before);
        }
    }

    @Test
    void runsValidatesAndShowsRuns(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/hello.yml"), """
                inputs:
                  names: [a]
                steps:
                  - {id: greet, type: shell, command: "echo {{ inputs.names | join('+') }}"}
                  - {id: fail, type: shell, needs: greet, command: "exit {{ inputs.names | length - 2 }}"}
                """);
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "steps:\n  - {id: a, type: shel}\n");
        try (AgentFixture f = AgentFixture.start(dir, "")) {
            Map<String, String> env = Map.of("DROVER_AGENT", "http://127.0.0.1:" + f.agent.port(),
                    "DROVER_AGENT_TOKEN", AgentFixture.OPERATOR);
            Outcome ok = drover(env, "workflow", "run", "hello", "-e", "names=[x, y]", "--wait");
            assertThat(ok.code()).as(ok.out()).isZero();
            assertThat(ok.out()).contains(": succeeded").containsPattern("done +greet");

            Outcome failed = drover(env, "workflow", "run", "hello", "--wait");
            assertThat(failed.code()).isEqualTo(1);
            assertThat(failed.out()).contains(": failed (step fail failed: command exited with 2: /bin/sh: 1: exit: Illegal number: -1)")
                    .containsPattern("failed +fail +command exited with 2");

            Outcome started = drover(env, "workflow", "run", "hello");
            String id = started.out().trim();
            assertThat(id).matches("[0-9a-f-]{36}");
            AgentEventsTest.waitFor(() -> !f.json(f.get("/api/v1/workflows/runs/" + id)).path("status").asText().equals("running"),
                    java.time.Duration.ofSeconds(10));
            assertThat(drover(env, "workflow", "status", id).out()).contains("run " + id + " of hello");
            assertThat(drover(env, "workflow", "status").out().lines()).hasSize(3);

            Outcome invalid = drover(env, "workflow", "validate", bad.toString(), dir.resolve("workflows/hello.yml").toString());
            assertThat(invalid.code()).isEqualTo(1);
            assertThat(invalid.out()).contains(bad + ":2:13: step 'a': unknown type 'shel'")
                    .contains("hello.yml: valid, workflow hello with 2 steps");

            assertThat(drover(Map.of("DROVER_AGENT", env.get("DROVER_AGENT")), "workflow", "run", "hello").code()).isEqualTo(2);
        }
    }

    @Test
    void reloadSaysWhatChangedOrWhichFileKeepsTheOldWorkflows(@TempDir Path dir) throws Exception {
        Path workflows = Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(workflows.resolve("hello.yml"), "steps:\n  - {id: greet, type: shell, command: \"echo hi\"}\n");
        try (AgentFixture f = AgentFixture.start(dir, "")) {
            Map<String, String> env = Map.of("DROVER_AGENT", "http://127.0.0.1:" + f.agent.port(),
                    "DROVER_AGENT_TOKEN", AgentFixture.OPERATOR);
            Files.writeString(workflows.resolve("bye.yml"), "steps:\n  - {id: wave, type: shell, command: \"echo bye\"}\n");
            Outcome reloaded = drover(env, "workflow", "reload");
            assertThat(reloaded.code()).as(reloaded.out()).isZero();
            assertThat(reloaded.out()).isEqualTo("reloaded: 2 workflows; added bye, removed none, changed none\n");

            Files.writeString(workflows.resolve("bye.yml"), "steps:\n  - {id: wave, type: shel}\n");
            Outcome refused = drover(env, "workflow", "reload");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out()).contains("bye.yml:2:16: step 'wave': unknown type 'shel'")
                    .contains("not reloaded: the agent keeps the workflows it had");
        }
    }
}
