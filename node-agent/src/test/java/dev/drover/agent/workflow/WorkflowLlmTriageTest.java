package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.AgentTestWaits;
import dev.drover.agent.workflow.llm.CircuitBreakers;
import dev.drover.agent.workflow.llm.LlmClient;
import dev.drover.agent.workflow.llm.LlmStep;
import dev.drover.agent.workflow.llm.OpenAiDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/workflows/llm-triage.yml as the agent runs it: the llm step against the OpenAI double
 * (shaped on llama-server) behind a dead first endpoint, the expert's structured answer
 * deciding whether a person is asked, and the restart only after an approval. The example's
 * two host commands (journalctl, systemctl) are pointed at stand-in scripts that record their
 * calls; everything else is the file as documented.
 */
class WorkflowLlmTriageTest {

    private static final String DEAD = "http://127.0.0.1:1";

    @Test
    void anExpertAdvisingARestartAsksAPersonAndRestartsOnlyOnApproval(@TempDir Path dir) throws Exception {
        try (OpenAiDouble expert = new OpenAiDouble();
             WorkflowFixture f = fixture(dir, expert)) {
            expert.answer(request -> "{\"category\": \"out_of_memory\", \"restart\": true, \"reason\": \"the model did not fit\"}");
            RunRecord run = f.engine.start("llm-triage", Map.of("experts", List.of(DEAD, expert.url())), "test", "tester");
            AgentTestWaits.until(() -> step(f.store.run(run.id()).orElseThrow(), "approve").status() == StepStatus.WAITING,
                    Duration.ofSeconds(20));

            RunRecord waiting = f.store.run(run.id()).orElseThrow();
            StepRecord classify = step(waiting, "classify");
            assertThat(classify.outputs()).containsEntry("summary", "out_of_memory: the model did not fit");
            assertThat(String.valueOf(classify.outputs().get("endpoint"))).startsWith(expert.url());
            assertThat(classify.log()).contains("skipped " + DEAD);
            assertThat(Files.readString(dir.resolve("journalctl.calls"))).contains("-u llama-expert -n 60");
            assertThat(dir.resolve("systemctl.calls")).as("no restart before the approval").doesNotExist();

            f.engine.decide(run.id(), "approve", -1, new Approvals.Decision(true, "ops", "go"));
            RunRecord done = f.engine.await(run.id(), Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(Files.readAllLines(dir.resolve("systemctl.calls"))).containsExactly("restart llama-expert");
        }
    }

    @Test
    void aRejectionOrAnExpertAdvisingNoRestartLeavesTheServiceAlone(@TempDir Path dir) throws Exception {
        try (OpenAiDouble expert = new OpenAiDouble();
             WorkflowFixture f = fixture(dir, expert)) {
            expert.answer(request -> "{\"category\": \"config\", \"restart\": false, \"reason\": \"a bad flag\"}");
            RunRecord advisedNot = f.run("llm-triage", Map.of("experts", List.of(expert.url())));
            assertThat(advisedNot.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(advisedNot, "approve").status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(step(advisedNot, "restart").status()).isEqualTo(StepStatus.SKIPPED);

            expert.answer(request -> "{\"category\": \"crash\", \"restart\": true, \"reason\": \"segfault\"}");
            RunRecord run = f.engine.start("llm-triage", Map.of("experts", List.of(expert.url())), "test", "tester");
            AgentTestWaits.until(() -> step(f.store.run(run.id()).orElseThrow(), "approve").status() == StepStatus.WAITING,
                    Duration.ofSeconds(20));
            f.engine.decide(run.id(), "approve", -1, new Approvals.Decision(false, "ops", "not now"));
            RunRecord rejected = f.engine.await(run.id(), Duration.ofSeconds(20));
            assertThat(step(rejected, "restart").status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(dir.resolve("systemctl.calls")).doesNotExist();
        }
    }

    /** The example, its host commands pointed at recording stand-ins, with the llm step behind shared breakers. */
    private static WorkflowFixture fixture(Path dir, OpenAiDouble expert) throws IOException {
        LlmStepType llm = new LlmStepType(new LlmStep(new LlmClient(new CircuitBreakers())));
        WorkflowFixture f = new WorkflowFixture(dir, llm);
        String example = Files.readString(Path.of("..", "docs", "workflows", "llm-triage.yml"));
        String text = example.replace("journalctl ", standIn(dir, "journalctl") + " ")
                .replace("systemctl ", standIn(dir, "systemctl") + " ");
        assertThat(text).isNotEqualTo(example);
        f.write("llm-triage", text);
        f.start(4);
        return f;
    }

    private static String standIn(Path dir, String name) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + dir.resolve(name + ".calls") + "\necho \"" + name
                + " stand-in: oom-kill event in llama-server\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }
}
