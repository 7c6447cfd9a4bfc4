package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static dev.drover.tests.WorkflowRunJson.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code runs_on: nomad} from a real agent to a real node: drover-agent installed by
 * roles/node_agent on lab6 (the agent that runs the workflow, its nomad: section pointing at
 * Nomad) and on lab7 (the node Nomad picks). The two dispatchable jobs are registered the way a
 * user does it, {@code drover nomad run jobs/drover-shell.nomad.j2} and
 * {@code jobs/drover-step.nomad.j2}. Nomad is the contract double on the lab bridge (its only
 * ready node is named lab7), and this test is Nomad's client on lab7: it runs each dispatched
 * task there over SSH exactly as the job says — the payload in the file the job names under
 * the task's local/ directory, the job's own command and arguments — so a drover-step task is
 * the role's real jar and config on lab7, {@code drover-agent run-step}. With NOMAD_ADDR set,
 * the jobs go to that Nomad instead and its clients run them (nodes named after their hosts).
 *
 * <p>What an operator sees: a local shell step ran on lab6; the same command with runs_on ran
 * on lab7; a check step ran lab7's own check file; an http step to 127.0.0.1 was answered by
 * lab7's agent; each of them names lab7 as its node. Both hosts are reset at the end.
 */
@LabHosts({"lab6", "lab7"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunsOnNomadLabTest {

    private static final String AGENT = "lab6";
    private static final String NODE = "lab7";
    private static final String LAB_BRIDGE = "10.77.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKFLOW = """
            name: spread
            description: the same work here and on a node Nomad picks
            steps:
              - {id: here, type: shell, command: hostname}
              - {id: there, type: shell, runs_on: nomad, command: hostname}
              - {id: node_check, type: check, runs_on: nomad, file: node}
              - id: its_agent
                type: http
                runs_on: nomad
                url: "http://127.0.0.1:8700/api/v1/status"
              - id: gather
                type: shell
                needs: [there, node_check, its_agent]
                command: "echo {{ steps.there.outputs.stdout }} {{ steps.its_agent.outputs.json.agent.hostname }}"
            """;

    private Lab lab;
    private ClusterDoubles doubles;
    private String nomadAddress;
    private NomadClientOnLab7 client;
    private LabAgent agent;
    private final LabAgent.ApiToken operator = LabAgent.ApiToken.generate("ops", "operator");

    @BeforeAll
    void installTheAgentsAndTheJobs() throws Exception {
        lab = Lab.require();
        lab.reset(AGENT);
        lab.reset(NODE);
        String envNomad = System.getenv("NOMAD_ADDR");
        if (envNomad != null && !envNomad.isBlank()) {
            nomadAddress = envNomad;
        } else {
            doubles = ClusterDoubles.start(LAB_BRIDGE);
            doubles.addNodes(List.of(NODE), Map.of());
            for (String other : List.of("node-1", "node-2", "node-3")) {
                doubles.nomad().cluster().setNodeStatus(other, "down");
            }
            nomadAddress = doubles.nomadAddress();
            client = new NomadClientOnLab7();
            client.start();
        }
        for (String job : List.of("jobs/drover-shell.nomad.j2", "jobs/drover-step.nomad.j2")) {
            LocalCommand.Output registered = LocalCommand.of(List.of(lab.root().resolve("bin/drover").toString(), "nomad", "run",
                            job, "-i", lab.inventory().toString(), "--for", NODE, "--playbook-dir", lab.root().toString()))
                    .directory(lab.root()).environment(Map.of("NOMAD_ADDR", nomadAddress)).timeout(Duration.ofMinutes(2)).run();
            assertThat(registered.exitCode()).as("drover nomad run %s\n%s", job, registered.describe()).isZero();
        }

        // The two installs are independent: side by side, as one play over both hosts would do them.
        java.util.concurrent.CompletableFuture<LocalCommand.Output> node = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new LabAgent(lab, NODE).install("nomad-power-site.yml",
                        Map.of("agent_power", Map.of(), "agent_nomad", Map.of(), "agent_tokens", List.of())));
        agent = new LabAgent(lab, AGENT);
        LocalCommand.Output installed = agent.install("nomad-power-site.yml", Map.of("agent_power", Map.of(),
                "agent_nomad", Map.of("address", nomadAddress, "node", AGENT), "agent_tokens", List.of(operator.asRoleVariable())));
        assertThat(node.join().exitCode()).as("the agent on %s\n%s", NODE, node.join().describe()).isZero();
        assertThat(installed.exitCode()).as("the agent on %s\n%s", AGENT, installed.describe()).isZero();
        LocalCommand.Output workflow = lab.ssh(AGENT, "mkdir -p /etc/drover/agent/workflows"
                + " && cat > /etc/drover/agent/workflows/spread.yml && systemctl restart drover-agent", WORKFLOW);
        assertThat(workflow.exitCode()).as(workflow.describe()).isZero();
        waitFor("the workflow spread on " + AGENT + "'s agent", () -> agent.json("/api/v1/workflows"),
                list -> list != null && list.toString().contains("\"spread\""), Duration.ofSeconds(60));
    }

    @AfterAll
    void cleanUp() {
        if (client != null) {
            client.close();
        }
        if (doubles != null) {
            doubles.close();
        }
        if (lab != null) {
            lab.reset(AGENT);
            lab.reset(NODE);
        }
    }

    @Test
    void eachStepWithRunsOnNomadRunsOnTheNodeNomadPicksAndSaysWhere() throws Exception {
        HttpResponse<String> started = agent.post("/api/v1/workflows/spread/runs", operator, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = JSON.readTree(started.body()).path("id").asText();
        JsonNode run = waitFor("run " + id + " to end", () -> agent.json("/api/v1/workflows/runs/" + id),
                r -> r != null && !r.path("status").asText().equals("running"), Duration.ofMinutes(3));
        assertThat(run.path("status").asText()).as(run.toPrettyString()).isEqualTo("succeeded");

        assertThat(outputs(run, "here").path("stdout").asText()).isEqualTo(AGENT);
        JsonNode there = outputs(run, "there");
        String node = there.at("/nomad/node").asText();
        assertThat(there.path("stdout").asText()).as("the command's hostname").isEqualTo(node).isEqualTo(NODE);
        assertThat(there.at("/nomad/job").asText()).startsWith("drover-shell/dispatch-");

        JsonNode check = outputs(run, "node_check");
        assertThat(check.at("/nomad/node").asText()).isEqualTo(NODE);
        assertThat(check.at("/nomad/job").asText()).startsWith("drover-step/dispatch-");
        assertThat(check.path("passed").asInt()).as("%s's node check file ran there", NODE).isPositive();
        assertThat(check.path("healthy").asBoolean()).isTrue();

        JsonNode http = outputs(run, "its_agent");
        assertThat(http.path("status").asInt()).isEqualTo(200);
        assertThat(http.at("/json/agent/hostname").asText()).as("127.0.0.1 is the node that ran the step").isEqualTo(NODE);
        assertThat(outputs(run, "gather").path("stdout").asText()).isEqualTo(NODE + " " + NODE);
        assertThat(step(run, "node_check").path("log").asText()).contains("ran on " + NODE);
        if (client != null) {
            assertThat(client.ran.get()).as("dispatches run on %s", NODE).isEqualTo(3);
        }
    }

    private static JsonNode outputs(JsonNode run, String id) {
        return step(run, id).path("outputs");
    }

    /**
     * Nomad's client on lab7 for the dispatched batch jobs: each running dispatch's task is run
     * once over SSH as raw_exec would run it (as root, in a task directory with local/), and
     * its exit code and stdout reported to the double (which keeps no stderr of its own).
     */
    private final class NomadClientOnLab7 implements AutoCloseable {
        final AtomicInteger ran = new AtomicInteger();
        private final Thread thread = new Thread(this::reconcile, "nomad-client-" + NODE);
        private final NomadClient api = new NomadClient(NomadSettings.at(doubles.nomad().address()));
        private volatile boolean closed;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void reconcile() {
            while (!closed) {
                try {
                    for (String job : List.of("drover-shell", "drover-step")) {
                        for (String alloc : doubles.nomad().cluster().runningDispatches(job)) {
                            runTask(alloc);
                        }
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError | IOException e) {
                    // the double or the host going away at the end of the test
                }
            }
        }

        private void runTask(String alloc) throws IOException {
            JsonNode task = api.allocation(alloc, 0, Duration.ZERO).body().path("Job").path("TaskGroups").get(0).path("Tasks").get(0);
            String dir = "/var/lib/nomad-standin/alloc/" + alloc;
            List<String> argv = new ArrayList<>();
            argv.add(task.path("Config").path("command").asText());
            task.path("Config").path("args").forEach(a -> argv.add(a.asText().replace("${NOMAD_TASK_DIR}", dir + "/local")));
            String file = task.path("DispatchPayload").path("File").asText();
            StringBuilder command = new StringBuilder("mkdir -p " + dir + "/local && cat > " + dir + "/local/" + file
                    + " && cd " + dir + " && exec");
            argv.forEach(word -> command.append(' ').append(quoted(word)));
            LocalCommand.Output output = lab.ssh(NODE, command.toString(), doubles.nomad().cluster().payloadOf(alloc));
            ran.incrementAndGet();
            doubles.nomad().cluster().finishAllocation(alloc, output.exitCode(), output.stdout());
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
