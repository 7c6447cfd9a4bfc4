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

    private static final String SHELL_JOB = job("drover-shell", "sh", "payload", "\"/bin/sh\"", "[\"${NOMAD_TASK_DIR}/payload\"]");

    /**
     * jobs/drover-step.nomad.j2 as Nomad holds it, with the test's own JVM and classpath in
     * place of the agent jar: each dispatch runs {@code drover-agent run-step} in a process of
     * its own, with the config of "the node" that Nomad picked.
     */
    private static String stepJob(Path nodeConfig) {
        List<String> args = List.of("-cp", System.getProperty("java.class.path"), "dev.drover.agent.DroverAgent", "run-step",
                "--config", nodeConfig.toString(), "${NOMAD_TASK_DIR}/step.json");
        try {
            return job("drover-step", "step", "step.json", JSON.writeValueAsString(ProcessHandle.current().info().command().orElse("java")),
                    JSON.writeValueAsString(args));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String job(String id, String task, String payloadFile, String command, String args) {
        return "{\"Job\": {\"ID\": \"" + id + "\", \"Name\": \"" + id + "\", \"Type\": \"batch\","
                + " \"Datacenters\": [\"dc1\"], \"ParameterizedJob\": {\"Payload\": \"required\", \"MetaRequired\": [\"run_id\", \"step_id\"], \"MetaOptional\": [\"item\", \"dispatch_token\"]},"
                + " \"TaskGroups\": [{\"Name\": \"" + task + "\", \"Count\": 1, \"Tasks\": [{\"Name\": \"" + task + "\", \"Driver\": \"raw_exec\","
                + " \"Config\": {\"command\": " + command + ", \"args\": " + args + "}, \"DispatchPayload\": {\"File\": \"" + payloadFile + "\"},"
                + " \"Resources\": {\"MemoryMB\": 64}}]}]}}";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

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
        client.register(NomadClient.jobOfJsonFile(JSON.readTree(SHELL_JOB)), OptionalLong.empty());
        Path node = java.nio.file.Files.createDirectories(dir.resolve("node"));
        java.nio.file.Files.writeString(node.resolve("agent.yml"), "checks:\n  - path: ready.yml\n");
        java.nio.file.Files.writeString(node.resolve("ready.yml"), "file:\n  " + dir.resolve("ready") + ":\n    exists: true\n");
        client.register(NomadClient.jobOfJsonFile(JSON.readTree(stepJob(node.resolve("agent.yml")))), OptionalLong.empty());
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
        StepCall.StepMemory store = StepCall.StepMemory.inMemory(memory);
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

    @Test
    void checkAndHttpStepsRunOnTheNodeNomadPicksWithThatNodesCheckFiles() throws Exception {
        com.sun.net.httpserver.HttpServer answers = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        answers.createContext("/answer", exchange -> {
            byte[] body = "{\"answer\": 42}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        answers.start();
        try (WorkflowFixture f = new WorkflowFixture(dir, remoteTypes())) {
            f.write("elsewhere", """
                    name: elsewhere
                    steps:
                      - {id: here, type: check, file: ready, on_failure: continue}
                      - {id: red, type: check, runs_on: nomad, file: ready, on_failure: continue}
                      - {id: make, type: shell, needs: [here, red], command: "touch %s"}
                      - {id: green, type: check, runs_on: nomad, needs: make, file: ready}
                      - {id: ask, type: http, runs_on: nomad, needs: green, url: "http://127.0.0.1:%d/answer"}
                    """.formatted(dir.resolve("ready"), answers.getAddress().getPort()));
            RunRecord run = f.run("elsewhere", Map.of());

            assertThat(run.status()).as(run.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(run, "here").error()).as("this agent has no check file 'ready'")
                    .isEqualTo("no check file 'ready' in this agent's config");
            StepRecord red = step(run, "red");
            assertThat(red.status()).isEqualTo(StepStatus.FAILED);
            assertThat(red.error()).endsWith("ready.yml is failing (1 failed) (on node-1)");
            assertThat(red.outputs()).containsEntry("healthy", false).containsEntry("failed", 1);
            assertThat(step(run, "green").outputs()).containsEntry("healthy", true).containsEntry("passed", 1);
            StepRecord ask = step(run, "ask");
            assertThat(ask.outputs()).containsEntry("status", 200).containsEntry("json", Map.of("answer", 42));
            assertThat(ask.outputs().get("nomad")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKeys("node", "allocation").extractingByKey("job").asString().startsWith("drover-step/dispatch-");
            assertThat(ask.log()).contains("ran on node-");
            assertThat(stepDispatches()).as("red, green and ask went through Nomad; here and make did not").hasSize(3);
        } finally {
            answers.stop(0);
        }
    }

    @Test
    void aTaskThatIsNotADroverAgentFailsTheStepSayingWhatToInstall() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir, remoteTypes())) {
            f.write("wrongjob", """
                    name: wrongjob
                    steps:
                      - {id: ask, type: http, runs_on: nomad, nomad_job: drover-shell, url: "http://127.0.0.1:9/"}
                    """);
            RunRecord run = f.run("wrongjob", Map.of());
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(step(run, "ask").error()).startsWith("the http step did not run on node-")
                    .contains("(Nomad job drover-shell/dispatch-").contains("exited with 127")
                    .endsWith("is drover-agent installed there, as jobs/drover-step.nomad.j2 expects?");
        }
    }

    @Test
    void aStepThatNeedsThisAgentCannotAskForNomadAndTheFileSaysSo() throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir, remoteTypes())) {
            f.write("bad", """
                    name: bad
                    steps:
                      - {id: ok, type: approval, runs_on: nomad, prompt: "go?"}
                    """);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.start(2)).isInstanceOf(dev.drover.UserError.class)
                    .hasMessageContaining("step 'ok': approval steps run on this agent only")
                    .satisfies(e -> assertThat(((dev.drover.UserError) e).describe())
                            .contains("bad.yml:3:").contains("runs_on: nomad is for shell, http, check, play and llm steps"));
        }
    }

    /** This agent's remotable types as Workflows registers them, with no check files of its own. */
    private StepType[] remoteTypes() {
        NomadDispatch dispatch = new NomadDispatch(Optional.of(client));
        return new StepType[] {new ShellStep(dispatch), RemoteStep.offer(new HttpStep(CallGuard.NONE), dispatch),
                RemoteStep.offer(new CheckStep(dev.drover.agent.checks.CheckFiles.load(dev.drover.agent.config.ConfigLoader.defaults(), "here")), dispatch)};
    }

    private List<String> stepDispatches() {
        return client.jobs().findValuesAsText("ID").stream().filter(id -> id.startsWith("drover-step/dispatch-")).toList();
    }

    /** The jobs dispatched from drover-shell so far. */
    private List<String> dispatches() {
        return client.jobs().findValuesAsText("ID").stream().filter(id -> id.startsWith("drover-shell/dispatch-")).toList();
    }

    /**
     * Runs each dispatched task as a raw_exec client would: its payload written to the file the
     * job names in the task's local/ directory, its command and arguments from the job (with
     * ${NOMAD_TASK_DIR}), its exit code and stdout reported back.
     */
    private void playNomadsClient() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (clientRunning.get()) {
                    for (String job : List.of("drover-shell", "drover-step")) {
                        for (String alloc : nomad.cluster().runningDispatches(job)) {
                            runTask(alloc);
                        }
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

    private void runTask(String alloc) throws IOException, InterruptedException {
        JsonNode task = client.allocation(alloc, 0, Duration.ZERO).body().path("Job").path("TaskGroups").get(0).path("Tasks").get(0);
        Path local = java.nio.file.Files.createDirectories(dir.resolve("alloc-" + alloc).resolve("local"));
        java.nio.file.Files.writeString(local.resolve(task.path("DispatchPayload").path("File").asText()), nomad.cluster().payloadOf(alloc));
        List<String> argv = new java.util.ArrayList<>();
        argv.add(task.path("Config").path("command").asText());
        task.path("Config").path("args").forEach(a -> argv.add(a.asText().replace("${NOMAD_TASK_DIR}", local.toString())));
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        nomad.cluster().finishAllocation(alloc, process.waitFor(), out);
    }
}
