package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.agent.power.PowerManager;
import dev.drover.agent.power.Reachability;
import dev.drover.agent.power.SleepRunner;
import dev.drover.wol.MacAddress;
import dev.drover.wol.MagicPacket;
import dev.drover.wol.PacketSink;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v1/power against a real agent on loopback. Magic packets and sleep commands are
 * recorded, never sent or run: no test broadcasts from the machine's own network namespace.
 */
class PowerApiTest {

    @TempDir
    Path dir;

    /** The datagrams "sent", the sleep commands "run", and which nodes answer probes. */
    static final class Recorder {
        final List<InetSocketAddress> destinations = new CopyOnWriteArrayList<>();
        final List<byte[]> payloads = new CopyOnWriteArrayList<>();
        final List<List<String>> sleeps = new CopyOnWriteArrayList<>();
        final Set<String> answering = ConcurrentHashMap.newKeySet();

        PowerManager.Devices devices() {
            PacketSink sink = (source, destination, payload) -> {
                destinations.add(destination);
                payloads.add(payload.clone());
            };
            SleepRunner sleeper = sleeps::add;
            Reachability reachability = node -> answering.contains(node.name());
            return new PowerManager.Devices(sink, sleeper, reachability);
        }
    }

    static final String POWER = """
            power:
              self: a
              probe_interval: 500ms
              nodes:
                - {name: a, address: 127.0.0.1, mac: "52:54:00:00:00:0a"}
                - {name: b, address: 192.0.2.10, mac: "52:54:00:00:00:0b", broadcast: 192.0.2.255}
                - {name: c, address: 192.0.2.11, mac: "52:54:00:00:00:0c", controller: true}
            """;

    @Test
    void wakeSendsTheMagicPacketsAndTheWakeIsTimedWhenTheNodeAnswers() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentFixture agent = AgentFixture.start(dir, POWER, recorder.devices())) {
            JsonNode power = agent.json(agent.get("/api/v1/power"));
            assertThat(power.get("configured").asBoolean()).isTrue();
            assertThat(power.get("nodes").findValuesAsText("name")).containsExactly("a", "b", "c");
            waitFor(() -> state(agent, "b").equals("unreachable"));
            assertThat(state(agent, "a")).isEqualTo("awake");

            assertThat(agent.post("/api/v1/power/wake", null, "{\"node\":\"b\"}").statusCode()).isEqualTo(401);
            assertThat(agent.post("/api/v1/power/wake", AgentFixture.VIEWER, "{\"node\":\"b\"}").statusCode()).isEqualTo(403);
            assertThat(recorder.payloads).isEmpty();

            HttpResponse<String> woken = agent.post("/api/v1/power/wake", AgentFixture.OPERATOR, "{\"node\":\"b\"}");
            assertThat(woken.statusCode()).as(woken.body()).isEqualTo(200);
            JsonNode answer = agent.json(woken);
            assertThat(answer.get("packets").findValuesAsText("")).isEmpty();
            List<String> packets = java.util.stream.StreamSupport.stream(answer.get("packets").spliterator(), false)
                    .map(JsonNode::asText).toList();
            assertThat(packets).containsExactly("192.0.2.255:9", "192.0.2.255:7", "255.255.255.255:9", "255.255.255.255:7",
                    "192.0.2.10:9", "192.0.2.10:7");
            byte[] magic = MagicPacket.of(MacAddress.parse("52:54:00:00:00:0b"), Optional.empty());
            assertThat(recorder.payloads).hasSize(6).allSatisfy(p -> assertThat(Arrays.equals(p, magic)).isTrue());
            assertThat(state(agent, "b")).isEqualTo("waking");
            assertThat(auditLines(agent)).anySatisfy(line -> assertThat(line).contains("\"who\":\"ops\"")
                    .contains("\"path\":\"/api/v1/power/wake\"").contains("\"status\":200").contains("woke b: 6 magic packets"));
            assertThat(auditLines(agent)).anySatisfy(line -> assertThat(line).contains("\"who\":\"alice\"").contains("\"status\":403"));

            Thread.sleep(700);
            recorder.answering.add("b");
            waitFor(() -> state(agent, "b").equals("awake"));
            JsonNode events = agent.json(agent.get("/api/v1/power/events"));
            assertThat(events.get(0).get("action").asText()).isEqualTo("woke");
            assertThat(events.get(0).get("node").asText()).isEqualTo("b");
            assertThat(events.get(0).get("wake_ms").asLong()).isBetween(500L, 10_000L);
            assertThat(events.get(1).get("action").asText()).isEqualTo("wake");
            assertThat(events.get(1).get("cause").asText()).isEqualTo("api");
            assertThat(events.get(1).get("who").asText()).isEqualTo("ops");

            String metrics = agent.get("/metrics").body();
            assertThat(metrics).contains("drover_power_events_total{action=\"wake\",cause=\"api\"} 1.0");
            assertThat(metrics).contains("drover_power_events_total{action=\"woke\",cause=\"probe\"} 1.0");
            assertThat(metrics).contains("drover_power_wake_seconds_count 1");
            assertThat(metrics).contains("drover_power_node_state{node=\"b\",state=\"awake\"} 1.0");
            assertThat(metrics).contains("drover_power_node_state{node=\"b\",state=\"waking\"} 0.0");

            HttpResponse<String> again = agent.post("/api/v1/power/wake", AgentFixture.OPERATOR, "{\"node\":\"b\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("b is awake already");
        }
    }

    @Test
    void sleepRefusesControllersAndUnknownNodesAndRunsThisNodesCommand() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentFixture agent = AgentFixture.start(dir, POWER, recorder.devices())) {
            HttpResponse<String> controller = agent.post("/api/v1/power/sleep", AgentFixture.ADMIN, "{\"node\":\"c\"}");
            assertThat(controller.statusCode()).isEqualTo(409);
            assertThat(controller.body()).contains("c is a controller; send \\\"force\\\": true");
            HttpResponse<String> unknown = agent.post("/api/v1/power/sleep", AgentFixture.ADMIN, "{\"node\":\"zz\"}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no node 'zz' in power.nodes (known: a, b, c)");
            HttpResponse<String> peer = agent.post("/api/v1/power/sleep", AgentFixture.ADMIN, "{\"node\":\"b\"}");
            assertThat(peer.statusCode()).isEqualTo(409);
            assertThat(peer.body()).contains("power.peer_token is not set");
            HttpResponse<String> bad = agent.post("/api/v1/power/sleep", AgentFixture.ADMIN, "{\"host\":\"b\"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("{\\\"node\\\": \\\"NAME\\\"}");

            HttpResponse<String> self = agent.post("/api/v1/power/sleep", AgentFixture.OPERATOR, "{\"node\":\"a\"}");
            assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
            assertThat(agent.json(self).get("action").asText()).isEqualTo("sleep");
            waitFor(() -> !recorder.sleeps.isEmpty());
            assertThat(recorder.sleeps).containsExactly(List.of("systemctl", "suspend"));
            assertThat(auditLines(agent)).anySatisfy(line -> assertThat(line).contains("\"path\":\"/api/v1/power/sleep\"")
                    .contains("\"status\":409").contains("c is a controller"));
            assertThat(agent.get("/metrics").body()).contains("drover_power_events_total{action=\"sleep\",cause=\"api\"} 1.0");
        }
    }

    @Test
    void anotherNodesAgentIsAskedWithThePeerToken() throws Exception {
        Recorder peerDevices = new Recorder();
        Path peerDir = Files.createDirectories(dir.resolve("b"));
        try (AgentFixture b = AgentFixture.start(peerDir, POWER.replace("self: a", "self: b"), peerDevices.devices())) {
            String config = POWER.replace("broadcast: 192.0.2.255}", "agent_port: " + b.agent.port() + "}")
                    .replace("192.0.2.10", "127.0.0.1") + "  peer_token: " + AgentFixture.OPERATOR + "\n";
            Recorder recorder = new Recorder();
            try (AgentFixture a = AgentFixture.start(Files.createDirectories(dir.resolve("a")), config, recorder.devices())) {
                HttpResponse<String> asked = a.post("/api/v1/power/sleep", AgentFixture.ADMIN, "{\"node\":\"b\"}");
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
                waitFor(() -> !peerDevices.sleeps.isEmpty());
                assertThat(recorder.sleeps).as("a itself stays up").isEmpty();
                assertThat(auditLines(b)).anySatisfy(line -> assertThat(line).contains("\"who\":\"ops\"")
                        .contains("\"client\":\"127.0.0.1\"").contains("sleep b: ok"));
                JsonNode events = b.json(b.get("/api/v1/power/events"));
                assertThat(events.get(0).get("who").asText()).isEqualTo("ops");
            }
        }
    }

    @Test
    void schedulesWakeAndSleepOnTheirCronAndRecordRefusals() throws Exception {
        Recorder recorder = new Recorder();
        String config = POWER + """
                  schedules:
                    - {node: b, wake: "* * * * * ?"}
                    - {node: c, sleep: "* * * * * ?"}
                """;
        try (AgentFixture agent = AgentFixture.start(dir, config, recorder.devices())) {
            waitFor(() -> agent.json(agent.get("/api/v1/power/events")).size() >= 2);
            JsonNode events = agent.json(agent.get("/api/v1/power/events"));
            List<String> seen = java.util.stream.StreamSupport.stream(events.spliterator(), false)
                    .map(e -> e.get("action").asText() + " " + e.get("node").asText() + " " + e.get("cause").asText() + " "
                            + e.get("who").asText() + " " + e.get("result").asText()).toList();
            assertThat(seen).contains("wake b schedule schedule ok");
            assertThat(seen).anySatisfy(line -> assertThat(line).startsWith("sleep c schedule schedule refused: c is a controller"));
            assertThat(recorder.payloads).hasSizeGreaterThanOrEqualTo(6);
            assertThat(events.get(0).get("reason").asText()).isEqualTo("cron * * * * * ?");
        }
    }

    @Test
    void aWakeIsPushedToThePageAsAPowerEvent() throws Exception {
        Recorder recorder = new Recorder();
        try (AgentFixture agent = AgentFixture.start(dir, POWER, recorder.devices())) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(agent.uri("/api/v1/events"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<java.io.InputStream> stream = agent.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(),
                    java.nio.charset.StandardCharsets.UTF_8));
            List<String> seen = new CopyOnWriteArrayList<>();
            java.util.concurrent.CompletableFuture<String> waking = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    String event = null;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                            seen.add(event);
                        } else if (line.startsWith("data:") && "power".equals(event) && line.contains("\"state\":\"waking\"")) {
                            return line.substring(5).trim();
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            waitFor(() -> seen.contains("status"));
            assertThat(agent.post("/api/v1/power/wake", AgentFixture.OPERATOR, "{\"node\":\"b\"}").statusCode()).isEqualTo(200);
            JsonNode power = agent.json.readTree(waking.get(10, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(power.get("nodes").get(1).get("name").asText()).isEqualTo("b");
            assertThat(power.get("nodes").get(1).get("last_event").get("action").asText()).isEqualTo("wake");
            stream.body().close();
        }
    }

    @Test
    void withoutAPowerSectionThePanelSaysNotConfigured() throws Exception {
        try (AgentFixture agent = AgentFixture.start(dir, "")) {
            JsonNode power = agent.json(agent.get("/api/v1/power"));
            assertThat(power.get("configured").asBoolean()).isFalse();
            assertThat(agent.json(agent.get("/api/v1/status")).at("/panels/power/error").asText()).isEqualTo("not configured");
            HttpResponse<String> wake = agent.post("/api/v1/power/wake", AgentFixture.OPERATOR, "{\"node\":\"b\"}");
            assertThat(wake.statusCode()).isEqualTo(409);
            assertThat(wake.body()).contains("power management is not configured");
        }
    }

    private static String state(AgentFixture agent, String node) {
        for (JsonNode n : agent.json(agent.get("/api/v1/power")).get("nodes")) {
            if (n.get("name").asText().equals(node)) {
                return n.get("state").asText();
            }
        }
        throw new AssertionError("no node " + node);
    }

    private static List<String> auditLines(AgentFixture agent) throws Exception {
        return Files.readAllLines(agent.agent.auditLog());
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(50);
        }
    }
}
