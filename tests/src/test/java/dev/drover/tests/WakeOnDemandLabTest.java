package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static dev.drover.tests.LabAgent.nodeState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Wake on demand on real hosts: the controller's drover-agent (on lab4, installed by
 * roles/node_agent) watches Nomad — the contract double, in this JVM on the lab bridge — for
 * blocked evaluations. Two workers are powered off: lab7, whose Nomad node is a GPU node, and
 * lab3, a CPU node. A job that only a GPU node can run is registered; the agent must send real
 * magic packets for lab7 only (the lab's power controller boots a host when its packet arrives
 * on the bridge), lab7 must boot, and once it joins Nomad (this test plays its Nomad client,
 * marking the node ready when the host answers SSH) the job is placed there and the agent
 * records how long placement took. lab3 stays off. All three hosts are reset at the end.
 */
@LabHosts({"lab3", "lab4", "lab7"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WakeOnDemandLabTest {

    private static final String CONTROLLER = "lab4";
    private static final String GPU = "lab7";
    private static final String CPU = "lab3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lab lab;
    private NomadDouble nomad;
    private NomadClient nomadApi;
    private LabAgent agent;

    @BeforeAll
    void installTheControllersAgentAndPowerOffTheWorkers() throws Exception {
        lab = Lab.require();
        lab.reset(CONTROLLER, GPU, CPU);
        agent = new LabAgent(lab, CONTROLLER);
        nomad = new NomadDouble(InetAddress.getByName("10.77.0.1"));
        nomadApi = new NomadClient(NomadSettings.at(nomad.address()));
        nomad.cluster().addNode(GPU, "gpu", "dc1", Map.of("node_type", "gpu"), "down");
        nomad.cluster().addNode(CPU, "", "dc1", Map.of("node_type", "cpu"), "down");
        for (String worker : List.of(GPU, CPU)) {
            LocalCommand.Output off = lab.command("power-off", worker);
            assertThat(off.exitCode()).as(off.describe()).isZero();
        }
        LocalCommand.Output play = play();
        assertThat(play.exitCode()).as("installing the agent with roles/node_agent\n%s", play.describe()).isZero();
    }

    @AfterAll
    void cleanUp() {
        if (nomad != null) {
            nomad.close();
        }
        if (lab != null) {
            lab.reset(CONTROLLER, GPU, CPU); // boots them fresh whether they are on or off
        }
    }

    @Test
    void aBlockedGpuJobWakesThePoweredOffGpuWorkerWhichThenRunsIt() throws Exception {
        waitFor("both workers unreachable in the agent's view", () -> agent.json("/api/v1/power"),
                p -> nodeState(p, GPU).equals("unreachable") && nodeState(p, CPU).equals("unreachable"), Duration.ofSeconds(60));
        // The lab's stand-in for NIC firmware watches an off host only after two scans; a real NIC listens at once.
        Thread.sleep(3000);

        Instant registered = Instant.now();
        String job = "{\"Job\": {\"ID\": \"llm\", \"Name\": \"llm\", \"Type\": \"service\", \"Datacenters\": [\"dc1\"],"
                + " \"Constraints\": [{\"LTarget\": \"${meta.node_type}\", \"RTarget\": \"gpu\", \"Operand\": \"=\"}],"
                + " \"TaskGroups\": [{\"Name\": \"server\", \"Count\": 1, \"Tasks\": [{\"Name\": \"llama\", \"Driver\": \"raw_exec\","
                + " \"Config\": {\"command\": \"llama-server\"}, \"Resources\": {\"MemoryMB\": 1000}}]}]}}";
        nomadApi.register(NomadClient.jobOfJsonFile(JSON.readTree(job)), OptionalLong.empty());

        // lab7 boots from the agent's packets; when it answers SSH its Nomad client "joins".
        waitFor(GPU + " booted by the agent's magic packets", () -> lab.answersSsh(GPU) ? Boolean.TRUE : null, b -> b,
                Duration.ofSeconds(90));
        Duration booted = Duration.between(registered, Instant.now());
        nomad.cluster().setNodeStatus(GPU, "ready");

        JsonNode placed = waitFor("the agent's placed event", () -> event("placed"), e -> true, Duration.ofSeconds(60));
        JsonNode wake = event("wake");
        System.out.printf("WakeOnDemandLabTest: %s answered SSH %d ms after the job was registered; agent: %s%n",
                GPU, booted.toMillis(), placed.get("reason").asText());
        assertThat(wake.get("node").asText()).isEqualTo(GPU);
        assertThat(wake.get("cause").asText()).isEqualTo("blocked-eval llm");
        assertThat(wake.get("reason").asText()).contains("job llm cannot be placed");
        assertThat(placed.get("node").asText()).isEqualTo(GPU);
        assertThat(placed.get("result").asText()).isEqualTo("ok");
        assertThat(placed.get("wake_ms").asLong()).isPositive();
        assertThat(nomadApi.jobAllocations("llm").findValuesAsText("NodeName")).containsExactly(GPU);

        assertThat(lab.status(CPU)).as("the CPU worker cannot run the job and must stay off").isEqualTo("off");
        assertThat(lab.answersSsh(CPU)).isFalse();
        JsonNode events = agent.json("/api/v1/power/events");
        assertThat(events.findValuesAsText("action").stream().filter("wake"::equals).count()).as("wakes in %s", events).isEqualTo(1);
        assertThat(agent.body("/metrics")).contains("drover_power_placement_seconds_count 1");
    }

    private LocalCommand.Output play() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(Map.of("name", CONTROLLER, "address", lab.host(CONTROLLER).address(), "mac", lab.host(CONTROLLER).macAddress(),
                "controller", true));
        for (String worker : List.of(GPU, CPU)) {
            nodes.add(Map.of("name", worker, "address", lab.host(worker).address(), "mac", lab.host(worker).macAddress()));
        }
        Map<String, Object> power = Map.of("self", CONTROLLER, "sleep_mode", "poweroff", "probe_interval", "1s",
                "nodes", nodes, "wake_on_demand", Map.of("enabled", true, "check_interval", "1s"));
        Map<String, Object> nomadSection = Map.of("address", nomad.address().toString(), "node", "node-1");
        return agent.install("nomad-power-site.yml", Map.of("agent_power", power, "agent_nomad", nomadSection,
                "agent_tokens", List.of()));
    }

    private JsonNode event(String action) {
        JsonNode events = agent.json("/api/v1/power/events");
        if (events != null) {
            for (JsonNode e : events) {
                if (e.get("action").asText().equals(action)) {
                    return e;
                }
            }
        }
        return null;
    }
}
