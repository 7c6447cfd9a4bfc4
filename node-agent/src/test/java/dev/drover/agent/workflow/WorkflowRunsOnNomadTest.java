package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.AgentTestWaits;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs_on: nomad}: shell steps dispatched as Nomad batch jobs against the Nomad double,
 * with this test as Nomad's client — it runs each dispatched payload with {@code sh} for real
 * and reports the exit code and stdout back, as a client running the raw_exec task would.
 */
class WorkflowRunsOnNomadTest {

    private static final String JOB = "{\"Job\": {\"ID\": \"drover-shell\", \"Name\": \"drover-shell\", \"Type\": \"batch\","
            + " \"Datacenters\": [\"dc1\"], \"ParameterizedJob\": {\"Payload\": \"required\", \"MetaRequired\": [\"run_id\", \"step_id\"], \"MetaOptional\": [\"item\", \"dispatch_token\"]},"
            + " \"TaskGroups\": [{\"Name\": \"sh\", \"Count\": 1, \"Tasks\": [{\"Name\": \"sh\", \"Driver\": \"raw_exec\","
            + " \"Config\": {\"command\": \"/bin/sh\", \"args\": [\"local/payload\"]}, \"DispatchPayload\": {\"File\": \"payload\"},"
            + " \"Resources\": {\"MemoryMB\": 64}}]}]}}";

    @TempDir
    Path dir;
    private NomadDouble nomad;
    private NomadClient client;
    private final AtomicBoolean clientRunning = new AtomicBoolean(true);
    private Thread nomadClient;

    @BeforeEach
    void nomadWithTheShellJob() throws Exception {
        nomad = new NomadDouble();
        client = new NomadClient(NomadSettings.at(nomad.address()));
        client.register(NomadClient.jobOfJsonFile(new ObjectMapper().readTree(JOB)), OptionalLong.empty());
        nomadClient = new Thread(this::playNomadsClient, "nomad-client");
        nomadClient.setDaemon(true);
        nomadClient.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        nomadClient.interrupt();
        nomadClient.join(2000);
        nomad.close();
    }

    @Test
    void aForEachFansOutAsOneDispatchPerItemAndGathersTheirOutput() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir, new ShellStep(Optional.of(client)))) {
            f.write("fan", """
                    name: fan
                    steps:
                      - id: each
                        type: shell
                        runs_on: nomad
                        for_each: [1, 2, 3]
                        concurrency: 3
                        command: "echo item {{ item }} squared is $(({{ item }} * {{ item }}))"
                      - id: gather
                        type: shell
                        needs: each
                        command: "echo '{{ steps.each.outputs.results | map(attribute='stdout') | join(', ') }}'"
                    """);
            RunRecord run = f.run("fan", Map.of());
            assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "gather").outputs().get("stdout"))
                    .isEqualTo("item 1 squared is 1, item 2 squared is 4, item 3 squared is 9");
            List<String> dispatched = dispatches();
            assertThat(dispatched).hasSize(3).doesNotHaveDuplicates();
            StepRecord first = run.steps().stream().filter(s -> s.stepId().equals("each") && s.item() == 0).findFirst().orElseThrow();
            assertThat(first.outputs()).containsEntry("rc", 0).containsKeys("node", "allocation", "dispatched_job");
            assertThat(dispatched).contains(String.valueOf(first.outputs().get("dispatched_job")));
            assertThat(first.log()).contains("dispatched drover-shell as drover-shell/dispatch-").contains("ran on node-");
        }
    }

    @Test
    void aFailingCommandFailsTheStepNamingItsExitCodeAndNode() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir, new ShellStep(Optional.of(client)))) {
            f.write("fails", """
                    name: fails
                    steps:
                      - {id: bad, type: shell, runs_on: nomad, command: "echo nope; exit 3"}
                    """);
            RunRecord run = f.run("fails", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            StepRecord bad = step(run, "bad");
            assertThat(bad.error()).startsWith("command exited with 3 on node-").contains("(Nomad job drover-shell/dispatch-");
            assertThat(bad.outputs()).containsEntry("rc", 3).containsEntry("stdout", "nope");
        }
    }

    @Test
    void aStepResumedAfterARestartWaitsForItsDispatchInsteadOfDispatchingAgain() throws Exception {
        clientRunning.set(false); // the dispatch stays running until the agent has restarted
        try (WorkflowFixture f = new WorkflowFixture(dir, new ShellStep(Optional.of(client)))) {
            f.write("once", """
                    name: once
                    steps:
                      - {id: work, type: shell, runs_on: nomad, command: "echo done once"}
                    """);
            f.start(4);
            RunRecord started = f.engine.start("once", Map.of(), "test", "tester");
            AgentTestWaits.until(() -> dispatches().size() == 1, Duration.ofSeconds(10));
            f.engine.close(); // as the agent's shutdown (or a crash) leaves it: the step still running in the store
            f.start(4).resumeUnfinished();
            clientRunning.set(true);
            RunRecord done = f.engine.await(started.id(), Duration.ofSeconds(20));
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(done, "work").outputs()).containsEntry("stdout", "done once");
            assertThat(dispatches()).as("one dispatch across the restart").hasSize(1);
        }
    }

    @Test
    void anAgentThatDiedBetweenDispatchingAndStoringTheIdFindsItsDispatchByToken() throws Exception {
        // What the dead agent left: the token stored, the dispatch made with it, its id never stored.
        Map<String, String> memory = new java.util.concurrent.ConcurrentHashMap<>(Map.of("dispatch_token", "t-123"));
        String orphan = client.dispatch("drover-shell", Map.of("run_id", "r1", "step_id", "work", "dispatch_token", "t-123"),
                "echo from before the crash".getBytes(StandardCharsets.UTF_8)).path("DispatchedJobID").asText();
        StepCall.StepMemory store = new StepCall.StepMemory() {
            @Override
            public Optional<String> read(String key) {
                return Optional.ofNullable(memory.get(key));
            }

            @Override
            public void write(String key, String value) {
                memory.put(key, value);
            }

            @Override
            public void waiting(Map<String, Object> detail) {
            }
        };
        StepCall call = new StepCall("r1", "work", -1, 2, Map.of("command", "echo again", "runs_on", "nomad"), Optional.empty(),
                store, "test", dir.resolve("w.yml"));
        StepResult result = new ShellStep(Optional.of(client)).run(call);
        assertThat(result.outputs()).containsEntry("dispatched_job", orphan).containsEntry("stdout", "from before the crash");
        assertThat(dispatches()).containsExactly(orphan);
        assertThat(memory).as("ended: a retry would dispatch anew").containsEntry("dispatch_token", "").containsEntry("dispatched_job", "");
    }

    @Test
    void withoutNomadTheStepSaysWhatToConfigure() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            f.write("nowhere", """
                    name: nowhere
                    steps:
                      - {id: work, type: shell, runs_on: nomad, command: "true"}
                    """);
            RunRecord run = f.run("nowhere", Map.of());
            assertThat(step(run, "work").error()).contains("runs_on: nomad needs Nomad: give the agent a nomad: section");
        }
    }

    /** The jobs dispatched from drover-shell so far. */
    private List<String> dispatches() {
        return client.jobs().findValuesAsText("ID").stream().filter(id -> id.startsWith("drover-shell/dispatch-")).toList();
    }

    /** Runs each dispatched payload with sh, as the raw_exec task would, and reports how it ended. */
    private void playNomadsClient() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (clientRunning.get()) {
                    for (String alloc : nomad.cluster().runningDispatches("drover-shell")) {
                        Process sh = new ProcessBuilder("/bin/sh", "-c", nomad.cluster().payloadOf(alloc)).redirectErrorStream(true).start();
                        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        nomad.cluster().finishAllocation(alloc, sh.waitFor(), out);
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // the double going away at the end of a test
            }
        }
    }
}
