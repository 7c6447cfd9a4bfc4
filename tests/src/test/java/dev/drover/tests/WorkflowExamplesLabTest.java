package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static dev.drover.tests.WorkflowRunJson.duration;
import static dev.drover.tests.WorkflowRunJson.statuses;
import static dev.drover.tests.WorkflowRunJson.step;
import static dev.drover.tests.Eventually.waitUntil;
import static dev.drover.tests.LabAgent.nodeState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The examples docs/workflows/wake-run-sleep.yml and model-rollout.yml, unmodified, run by
 * drover-agents that roles/node_agent installed on lab hosts (its node_agent_workflows), each
 * run started, followed and approved over the agent's API as an operator would.
 *
 * <ul>
 *   <li>wake-run-sleep: lab3's agent is the controller of a power: section with lab4 as a
 *       worker (sleep_mode poweroff: nspawn hosts cannot suspend); lab4's own agent accepts
 *       lab3's peer_token. lab4 is powered off; the run's wake step sends real magic packets
 *       from lab3 (inside the lab) and the lab's power controller boots lab4; the batch step
 *       reaches it with ssh (a key and known_hosts the test gives lab3) and leaves a file there;
 *       the sleep step asks lab4's agent to power lab4 off.</li>
 *   <li>model-rollout on lab5: llama-expert-1 is a stand-in unit (python3) answering /health as
 *       llama-server does, the model file comes from the test's web server on the lab bridge, the
 *       check file `expert` is installed through node_agent_checks, the approval is given (and,
 *       in a second run, refused) over the API, and a router double on the bridge records the
 *       switch.</li>
 * </ul>
 * The three hosts are reset before and after.
 */
@LabHosts({"lab3", "lab4", "lab5"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowExamplesLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTROLLER = "lab3";
    private static final String WORKER = "lab4";
    private static final String EXPERT = "lab5";
    private static final String BRIDGE = "10.77.0.1";
    /** Where the expert host's playbook runs the stand-in (expert_port of workflow-expert-site.yml). */
    private static final int EXPERT_PORT = 8081;
    /** The side effect the batch command leaves on the worker. */
    private static final String BATCH_OUTPUT = "/root/wake-run-sleep.out";

    private final LabAgent.ApiToken operator = LabAgent.ApiToken.generate("operator-test", "operator");
    /** lab3's power.peer_token; lab4's agent knows it as an operator token. */
    private final LabAgent.ApiToken peer = LabAgent.ApiToken.generate("peer-lab3", "operator");
    private Lab lab;
    private Path examples;
    private Path workDir;
    private TestHttpServer models;
    private RouterDouble router;
    private LabAgent controller;
    private LabAgent expert;
    private byte[] model;

    @BeforeAll
    void installTheAgents() throws IOException {
        lab = Lab.require();
        examples = lab.root().resolve("docs/workflows");
        lab.reset(CONTROLLER, WORKER, EXPERT);
        workDir = Files.createTempDirectory("drover-workflow-examples");
        model = new byte[512 * 1024];
        new Random(8).nextBytes(model);
        System.arraycopy("GGUF".getBytes(StandardCharsets.US_ASCII), 0, model, 0, 4);
        Files.write(workDir.resolve("expert-1-v2.gguf"), model);
        models = TestHttpServer.start(BRIDGE, workDir);
        router = RouterDouble.start(BRIDGE);
        controller = new LabAgent(lab, CONTROLLER);
        expert = new LabAgent(lab, EXPERT);

        // The two installs are independent: side by side, as one play over both hosts would do them.
        java.util.concurrent.CompletableFuture<LocalCommand.Output> worker = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new LabAgent(lab, WORKER).install("workflow-site.yml", Map.of(
                        "agent_tokens", List.of(peer.asRoleVariable()), "agent_power", power(WORKER, false), "agent_workflows", List.of())));
        LocalCommand.Output play = controller.install("workflow-site.yml", Map.of(
                "agent_tokens", List.of(operator.asRoleVariable()), "agent_power", power(CONTROLLER, true),
                "agent_workflows", List.of(Map.of("src", examples.resolve("wake-run-sleep.yml").toString()))));
        assertThat(worker.join().exitCode()).as("the worker's agent\n%s", worker.join().describe()).isZero();
        assertThat(play.exitCode()).as("the controller's agent\n%s", play.describe()).isZero();
        giveTheControllerSshToTheWorker();
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (models != null) {
            models.close();
        }
        if (router != null) {
            router.close();
        }
        if (lab != null) {
            lab.reset(CONTROLLER, WORKER, EXPERT); // boots them fresh, on or off
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void theRoleInstallsWorkflowFilesAsTheyAreAndReloadsTheAgentWhenOneChanges() throws Exception {
        Path source = examples.resolve("model-rollout.yml");
        Path older = workDir.resolve("model-rollout.yml");
        Files.writeString(older, "# an older copy\n" + Files.readString(source));
        LocalCommand.Output first = installExpert(older, List.of());
        assertThat(first.exitCode()).as(first.describe()).isZero();
        lab.ssh(EXPERT, "echo 'not a workflow' > /etc/drover/agent/workflows/NOTES.txt");
        String pidBefore = mainPid();

        LocalCommand.Output changed = installExpert(source, List.of());
        assertThat(changed.exitCode()).as(changed.describe()).isZero();
        assertThat(changed.stdout()).as(changed.describe())
                .contains("changed: [" + EXPERT + "] => (item=model-rollout.yml)")
                .contains("RUNNING HANDLER [node_agent : reload drover-agent]")
                .doesNotContain("RUNNING HANDLER [node_agent : restart drover-agent]");
        String pidAfter = mainPid();
        assertThat(pidAfter).as("a changed workflow file reloads the agent, it does not restart it").isEqualTo(pidBefore);
        waitFor("the agent's log of the reload", () -> lab.ssh(EXPERT, "journalctl -u drover-agent --no-pager -o cat").stdout(),
                log -> log.contains("SIGHUP: 1 workflows (added none, removed none, changed model-rollout)"), Duration.ofSeconds(30));
        LocalCommand.Output installed = lab.ssh(EXPERT, "cd /etc/drover/agent/workflows && stat -c '%n %a %U %G' * && sha256sum model-rollout.yml"
                + " && grep '^workflows:' ../agent.yml");
        assertThat(installed.stdout().lines()).as(installed.describe()).containsExactly(
                "NOTES.txt 644 root root",
                "model-rollout.yml 640 root root",
                sha256(Files.readAllBytes(source)) + "  model-rollout.yml",
                "workflows: {\"keep_runs\": 50, \"parallelism\": 4}");

        LocalCommand.Output again = installExpert(source, List.of());
        assertThat(again.stdout()).as(again.describe()).containsPattern(EXPERT + "\\s*:\\s*ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0");
        LocalCommand.Output check = installExpert(source, List.of("--check"));
        assertThat(check.stdout()).as(check.describe()).containsPattern(EXPERT + "\\s*:\\s*ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0");
        LocalCommand.Output wouldChange = installExpert(older, List.of("--check", "--diff"));
        assertThat(wouldChange.stdout()).as(wouldChange.describe()).contains("changed: [" + EXPERT + "] => (item=model-rollout.yml)")
                .contains("+# an older copy");
        assertThat(lab.ssh(EXPERT, "sha256sum /etc/drover/agent/workflows/model-rollout.yml").stdout())
                .as("--check with another file left the installed one alone").startsWith(sha256(Files.readAllBytes(source)));
        assertThat(mainPid()).as("neither the second run nor --check restarted the agent").isEqualTo(pidAfter);

        // A file with a mistake is refused by the agent's own validation before it is put in place.
        Path broken = workDir.resolve("broken").resolve("model-rollout.yml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, Files.readString(source).replace("type: approval", "type: aproval"));
        LocalCommand.Output refused = installExpert(broken, List.of());
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stdout()).as(refused.describe()).contains("failed: [" + EXPERT + "] (item=model-rollout.yml)")
                .contains("unknown type 'aproval'");
        assertThat(lab.ssh(EXPERT, "sha256sum /etc/drover/agent/workflows/model-rollout.yml").stdout())
                .as("the refused file did not replace the installed one").startsWith(sha256(Files.readAllBytes(source)));
        assertThat(mainPid()).isEqualTo(pidAfter);

        JsonNode workflows = waitFor("the agent listing its workflows", () -> expert.json("/api/v1/workflows"), w -> true, Duration.ofSeconds(60));
        assertThat(workflows.size()).as(workflows.toString()).isEqualTo(1);
        assertThat(workflows.get(0).get("name").asText()).isEqualTo("model-rollout");
        assertThat(workflows.get(0).get("steps").findValuesAsText("id")).containsExactly("download", "install", "healthy", "approve", "switch");
    }

    @Test
    @Order(2)
    void modelRolloutDownloadsRestartsWaitsForHealthAndSwitchesOnceApproved() throws Exception {
        String modelUrl = models.baseUrl() + "/files/expert-1-v2.gguf";
        Instant started = Instant.now();
        JsonNode run = start(expert, "model-rollout", Map.of("model_url", modelUrl, "router", router.baseUrl()));
        String id = run.get("id").asText();

        JsonNode waiting = waitFor("the approval waiting", () -> expert.json("/api/v1/workflows/runs/" + id),
                r -> !r.get("status").asText().equals("running") || step(r, "approve").get("status").asText().equals("waiting"),
                Duration.ofMinutes(3));
        Duration toApproval = Duration.between(started, Instant.now());
        assertThat(waiting.get("status").asText()).as(waiting.toPrettyString()).isEqualTo("running");
        assertThat(statuses(waiting)).containsExactly("done", "done", "done", "waiting", "pending");
        JsonNode approval = step(waiting, "approve").get("detail");
        assertThat(approval.get("prompt").asText()).isEqualTo("switch traffic to the new model on expert-1?");
        assertThat(approval.get("default").asText()).isEqualTo("reject");
        Duration expiresIn = Duration.between(Instant.now(), Instant.parse(approval.get("expires_at").asText()));
        assertThat(expiresIn).isBetween(Duration.ofHours(4).minusMinutes(5), Duration.ofHours(4));
        assertThat(step(waiting, "healthy").get("outputs").get("healthy").asBoolean()).isTrue();
        // The restarted expert answers 503 while "loading": the check step waited for it.
        assertThat(step(waiting, "healthy").get("log").asText()).containsPattern("expert.yml: \\d+ failed\n(.*\n)*.*expert.yml: passing");
        assertThat(router.requests()).as("nothing switched before the approval").isEmpty();
        assertThat(expertHealth().get("model_sha256").asText()).as("the expert serves the new model").isEqualTo(sha256(model));
        assertThat(lab.ssh(EXPERT, "ls /srv/models").stdout().lines()).containsExactly("expert-1.gguf");

        HttpResponse<String> approved = expert.post("/api/v1/workflows/runs/" + id + "/steps/approve/approve", operator,
                "{\"comment\": \"health is fine\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode done = waitForEnd(expert, id, Duration.ofMinutes(1));
        System.out.printf("WorkflowExamplesLabTest: model-rollout: %d ms to the approval (download %d ms, install %d ms,"
                        + " healthy %d ms), %d ms in all%n", toApproval.toMillis(), duration(done, "download"), duration(done, "install"),
                duration(done, "healthy"), done.get("duration_ms").asLong());
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("succeeded");
        assertThat(done.get("who").asText()).isEqualTo("operator-test");
        assertThat(statuses(done)).containsOnly("done");
        assertThat(step(done, "approve").get("outputs").get("by").asText()).isEqualTo("operator-test");
        assertThat(step(done, "approve").get("outputs").get("comment").asText()).isEqualTo("health is fine");
        assertThat(step(done, "switch").get("outputs").get("status").asInt()).isEqualTo(200);
        assertThat(router.requests()).containsExactly(
                new RouterDouble.Request("POST", "/routes/expert-1", "application/json", "{\"enabled\":true}"));
        assertThat(models.fileRequests).as("one download").containsExactly("expert-1-v2.gguf");
        assertThat(lab.ssh(EXPERT, "cat /var/lib/drover/agent/audit.log").stdout())
                .contains("started run " + id + " of model-rollout").contains("approved step approve of run " + id);
    }

    @Test
    @Order(3)
    void aRejectedModelRolloutFailsWithoutSwitching() throws Exception {
        JsonNode run = start(expert, "model-rollout", Map.of("model_url", models.baseUrl() + "/files/expert-1-v2.gguf",
                "router", router.baseUrl()));
        String id = run.get("id").asText();
        JsonNode waiting = waitFor("the approval waiting", () -> expert.json("/api/v1/workflows/runs/" + id),
                r -> !r.get("status").asText().equals("running") || step(r, "approve").get("status").asText().equals("waiting"),
                Duration.ofMinutes(3));
        assertThat(statuses(waiting)).as(waiting.toPrettyString()).containsExactly("done", "done", "done", "waiting", "pending");
        HttpResponse<String> rejected = expert.post("/api/v1/workflows/runs/" + id + "/steps/approve/reject", operator,
                "{\"comment\": \"not tonight\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        JsonNode done = waitForEnd(expert, id, Duration.ofMinutes(1));
        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("error").asText()).contains("rejected by operator-test: not tonight");
        assertThat(statuses(done)).containsExactly("done", "done", "done", "failed", "pending");
        assertThat(step(done, "approve").get("outputs").get("approved").asBoolean()).isFalse();
        assertThat(step(done, "approve").get("outputs").get("by").asText()).isEqualTo("operator-test");
        assertThat(router.requests()).as("only the approved run's switch").hasSize(1);
        assertThat(models.fileRequests).as("one download per run").containsExactly("expert-1-v2.gguf", "expert-1-v2.gguf");
        assertThat(lab.ssh(EXPERT, "cat /var/lib/drover/agent/audit.log").stdout()).contains("rejected step approve of run " + id);
    }

    @Test
    @Order(4)
    void wakeRunSleepWakesTheWorkerRunsTheBatchThereAndPowersItOff() throws Exception {
        LocalCommand.Output off = lab.command("power-off", WORKER);
        assertThat(off.exitCode()).as(off.describe()).isZero();
        waitFor("lab3's agent seeing lab4 off", () -> controller.json("/api/v1/power"),
                p -> nodeState(p, WORKER).equals("unreachable"), Duration.ofSeconds(60));
        // The lab's stand-in for NIC firmware watches an off host only after two scans; a real NIC listens at once.
        Thread.sleep(3000);

        Instant started = Instant.now();
        JsonNode run = start(controller, "wake-run-sleep", Map.of("node", WORKER,
                "command", "echo \"batch ran on $(hostname)\" | tee -a " + BATCH_OUTPUT));
        String id = run.get("id").asText();
        JsonNode done = waitForEnd(controller, id, Duration.ofMinutes(5));
        Duration took = Duration.between(started, Instant.now());
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("succeeded");
        assertThat(statuses(done)).containsExactly("done", "done", "done");
        JsonNode wake = step(done, "wake").get("outputs");
        assertThat(wake.get("node").asText()).isEqualTo(WORKER);
        assertThat(wake.get("result").asText()).isEqualTo("ok");
        assertThat(wake.get("state").asText()).isEqualTo("awake");
        JsonNode batch = step(done, "batch").get("outputs");
        assertThat(batch.get("rc").asInt()).as(batch.toString()).isZero();
        assertThat(batch.get("stdout").asText()).isEqualTo("batch ran on " + WORKER);
        assertThat(step(done, "sleep").get("outputs").get("result").asText()).isEqualTo("ok");

        boolean powerOff = waitUntil(() -> "off".equals(lab.status(WORKER)), Duration.ofSeconds(60));
        Duration toOff = Duration.between(started, Instant.now());
        System.out.printf("WorkflowExamplesLabTest: wake-run-sleep: wake %d ms, batch %d ms, sleep %d ms (%d attempts); run %d ms;"
                        + " lab4 off %d ms after the run started%n", duration(done, "wake"), duration(done, "batch"),
                duration(done, "sleep"), step(done, "sleep").get("attempts").asInt(), done.get("duration_ms").asLong(), toOff.toMillis());
        assertThat(powerOff).as("lab4 powered off by the sleep step (tests/lab/lab status)").isTrue();
        assertThat(took).isLessThan(Duration.ofMinutes(5));

        JsonNode events = controller.json("/api/v1/power/events?node=" + WORKER);
        List<String> seen = new ArrayList<>();
        events.forEach(e -> seen.add(e.get("action").asText() + " " + e.get("cause").asText() + " " + e.get("result").asText()));
        // Newest first: the sleep, the attempts that found lab4's agent still starting, the wake's answer, the wake.
        int last = seen.size() - 1;
        assertThat(seen.get(0)).as(events.toPrettyString()).isEqualTo("sleep workflow ok");
        assertThat(seen.subList(last - 1, last + 1)).as(events.toPrettyString()).containsExactly("woke probe ok", "wake workflow ok");
        assertThat(seen.subList(1, last - 1)).as(events.toPrettyString()).hasSize(step(done, "sleep").get("attempts").asInt() - 1)
                .allSatisfy(event -> assertThat(event).startsWith("sleep workflow error: cannot reach lab4's agent"));
        for (JsonNode e : List.of(events.get(0), events.get(last))) {
            assertThat(e.get("who").asText()).isEqualTo("operator-test");
            assertThat(e.get("reason").asText()).contains("workflow run " + id);
        }
        assertThat(events.get(last - 1).get("wake_ms").asLong()).isPositive();
        JsonNode power = waitFor("lab4 asleep in lab3's view", () -> controller.json("/api/v1/power"),
                p -> nodeState(p, WORKER).equals("asleep"), Duration.ofSeconds(30));
        assertThat(nodeState(power, CONTROLLER)).isEqualTo("awake");

        // Back on: the batch's file is on lab4's disk, and lab4's agent recorded lab3's request to sleep.
        LocalCommand.Output on = lab.command("power-on", WORKER);
        assertThat(on.exitCode()).as(on.describe()).isZero();
        waitFor("lab4 answering SSH after power-on", () -> lab.answersSsh(WORKER) ? Boolean.TRUE : null, b -> b, Duration.ofSeconds(90));
        assertThat(lab.ssh(WORKER, "cat " + BATCH_OUTPUT).stdout().lines()).containsExactly("batch ran on " + WORKER);
        JsonNode workerEvents = waitFor("lab4's agent answering", () -> new LabAgent(lab, WORKER).json("/api/v1/power/events?node=" + WORKER),
                e -> true, Duration.ofSeconds(90));
        assertThat(workerEvents.get(0).get("action").asText()).isEqualTo("sleep");
        assertThat(workerEvents.get(0).get("who").asText()).isEqualTo("peer-lab3");
    }

    /** The power: section of the controller (lab3, with the peer token) or of the worker (lab4). */
    private Map<String, Object> power(String self, boolean withPeerToken) {
        List<Map<String, Object>> nodes = List.of(
                Map.of("name", CONTROLLER, "address", lab.host(CONTROLLER).address(), "mac", lab.host(CONTROLLER).macAddress(),
                        "controller", true),
                Map.of("name", WORKER, "address", lab.host(WORKER).address(), "mac", lab.host(WORKER).macAddress()));
        Map<String, Object> power = new java.util.LinkedHashMap<>(Map.of("self", self, "sleep_mode", "poweroff",
                "probe_interval", "1s", "nodes", nodes));
        if (withPeerToken) {
            power.put("peer_token", peer.secret());
        }
        return power;
    }

    /**
     * What the batch step's {@code ssh -o BatchMode=yes root@lab4} needs on lab3: a key of its
     * own (authorized on lab4), lab4's address (an ssh_config Host entry) and lab4's host key.
     */
    private void giveTheControllerSshToTheWorker() {
        String key = lab.ssh(CONTROLLER, "ssh-keygen -q -t ed25519 -N '' -C wake-run-sleep -f /root/.ssh/id_ed25519 </dev/null"
                + " && cat /root/.ssh/id_ed25519.pub").stdout().strip();
        assertThat(key).startsWith("ssh-ed25519 ");
        // authorized_keys2, which sshd reads too: every boot of a lab host rewrites root's authorized_keys (and /etc/hosts).
        lab.ssh(WORKER, "cat >> /root/.ssh/authorized_keys2 && chmod 600 /root/.ssh/authorized_keys2", key + "\n");
        String address = lab.host(WORKER).address();
        LocalCommand.Output reach = lab.ssh(CONTROLLER, "printf 'Host " + WORKER + "\\n  HostName " + address + "\\n' >> /root/.ssh/config"
                + " && ssh-keyscan -t ed25519 " + address + " 2>/dev/null >> /root/.ssh/known_hosts"
                + " && ssh -o BatchMode=yes root@" + WORKER + " hostname");
        assertThat(reach.stdout().strip()).as(reach.describe()).isEqualTo(WORKER);
    }

    private LocalCommand.Output installExpert(Path workflowFile, List<String> options) {
        return expert.install("workflow-expert-site.yml", Map.of("agent_tokens", List.of(operator.asRoleVariable()),
                "agent_workflows", List.of(Map.of("src", workflowFile.toString(), "name", "model-rollout.yml"))), options);
    }

    private String mainPid() {
        return lab.ssh(EXPERT, "systemctl show -p MainPID --value drover-agent").stdout().strip();
    }

    private JsonNode expertHealth() throws IOException {
        return JSON.readTree(lab.ssh(EXPERT, "curl -fsS http://127.0.0.1:" + EXPERT_PORT + "/health").stdout());
    }

    private JsonNode start(LabAgent agent, String workflow, Map<String, Object> inputs) throws Exception {
        HttpResponse<String> viewer = agent.post("/api/v1/workflows/" + workflow + "/runs", null,
                JSON.writeValueAsString(Map.of("inputs", inputs)));
        assertThat(viewer.statusCode()).as("without a token").isEqualTo(401);
        HttpResponse<String> started = agent.post("/api/v1/workflows/" + workflow + "/runs", operator,
                JSON.writeValueAsString(Map.of("inputs", inputs)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return JSON.readTree(started.body());
    }

    private static JsonNode waitForEnd(LabAgent agent, String id, Duration timeout) throws InterruptedException {
        return waitFor("run " + id + " ending", () -> agent.json("/api/v1/workflows/runs/" + id),
                r -> !r.get("status").asText().equals("running"), timeout);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
