package dev.drover.agent;

import static dev.drover.agent.AgentNomadTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wake on demand against the Nomad double: a job that only a sleeping GPU node can take is
 * blocked; the controller's agent wakes that node (recorded packets, never real ones) and not
 * the sleeping CPU node, and reports how long placement took once the double places the job.
 */
class PowerWakeOnDemandTest {

    @TempDir
    Path dir;

    @Test
    void aBlockedGpuJobWakesTheSleepingGpuNodeOnlyAndPlacementTimeIsReported() throws Exception {
        PowerApiTest.Recorder recorder = new PowerApiTest.Recorder();
        try (NomadDouble nomad = new NomadDouble()) {
            nomad.cluster().addNode("gpu-1", "gpu", "dc1", Map.of("node_type", "gpu"), "down");
            nomad.cluster().addNode("cpu-1", "", "dc1", Map.of("node_type", "cpu"), "down");
            String config = "nomad:\n  address: " + nomad.address() + "\n  node: node-1\n" + """
                    power:
                      self: node-1
                      probe_interval: 500ms
                      nodes:
                        - {name: node-1, address: 127.0.0.1, mac: "52:54:00:00:00:01", controller: true}
                        - {name: cpu-1, address: 192.0.2.22, mac: "52:54:00:00:00:22", broadcast: 192.0.2.255}
                        - {name: gpu-1, address: 192.0.2.21, mac: "52:54:00:00:00:21", broadcast: 192.0.2.255}
                      wake_on_demand: {enabled: true, check_interval: 200ms}
                    """;
            try (AgentFixture agent = AgentFixture.start(dir, config, recorder.devices())) {
                waitFor(() -> state(agent, "gpu-1").equals("unreachable") && state(agent, "cpu-1").equals("unreachable"));
                assertThat(recorder.payloads).isEmpty();

                NomadClient client = new NomadClient(NomadSettings.at(nomad.address()));
                client.register(NomadClient.jobOfJsonFile(new ObjectMapper().readTree(
                        AgentNomadTest.job("llm", 1000, "gpu"))), OptionalLong.empty());
                waitFor(() -> state(agent, "gpu-1").equals("waking"));
                JsonNode wake = event(agent, "wake");
                assertThat(wake.get("node").asText()).isEqualTo("gpu-1");
                assertThat(wake.get("cause").asText()).isEqualTo("blocked-eval llm");
                assertThat(wake.get("who").asText()).isEqualTo("wake on demand");
                assertThat(wake.get("reason").asText()).contains("job llm cannot be placed").contains("1 allocation queued");
                // Six datagrams, all for gpu-1's MAC; none for cpu-1.
                assertThat(recorder.payloads).hasSize(6);
                byte[] gpuMac = {0x52, 0x54, 0, 0, 0, 0x21};
                assertThat(recorder.payloads).allSatisfy(p -> assertThat(Arrays.copyOfRange(p, 6, 12)).isEqualTo(gpuMac));
                assertThat(recorder.destinations.stream().map(InetSocketAddress::getHostString).distinct().toList())
                        .contains("192.0.2.21").doesNotContain("192.0.2.22");
                assertThat(state(agent, "cpu-1")).isEqualTo("unreachable");
                Thread.sleep(1000);
                assertThat(recorder.payloads).as("one wake per blocked evaluation").hasSize(6);

                // gpu-1 boots: it answers the agent's probe and joins Nomad; the double unblocks and places the job.
                recorder.answering.add("gpu-1");
                nomad.cluster().setNodeStatus("gpu-1", "ready");
                waitFor(() -> events(agent).findValuesAsText("action").contains("placed"));
                JsonNode placed = event(agent, "placed");
                assertThat(placed.get("node").asText()).isEqualTo("gpu-1");
                assertThat(placed.get("cause").asText()).isEqualTo("blocked-eval llm");
                assertThat(placed.get("result").asText()).isEqualTo("ok");
                assertThat(placed.get("wake_ms").asLong()).isPositive();
                assertThat(placed.get("reason").asText()).startsWith("job llm running on gpu-1 ").contains("ms after the wake of gpu-1");
                JsonNode allocs = client.jobAllocations("llm");
                assertThat(allocs.findValuesAsText("NodeName")).containsExactly("gpu-1");

                String metrics = agent.get("/metrics").body();
                assertThat(metrics).contains("drover_power_events_total{action=\"wake\",cause=\"blocked-eval\"} 1.0");
                assertThat(metrics).contains("drover_power_events_total{action=\"placed\",cause=\"blocked-eval\"} 1.0");
                assertThat(metrics).contains("drover_power_placement_seconds_count 1");
                assertThat(events(agent).findValuesAsText("action").stream().filter(a -> a.equals("wake")).count()).isEqualTo(1);
            }
        }
    }

    private static JsonNode events(AgentFixture agent) {
        return agent.json(agent.get("/api/v1/power/events"));
    }

    private static JsonNode event(AgentFixture agent, String action) {
        for (JsonNode e : events(agent)) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " event in " + events(agent));
    }

    private static String state(AgentFixture agent, String node) {
        for (JsonNode n : agent.json(agent.get("/api/v1/power")).get("nodes")) {
            if (n.get("name").asText().equals(node)) {
                return n.get("state").asText();
            }
        }
        throw new AssertionError("no node " + node);
    }
}
