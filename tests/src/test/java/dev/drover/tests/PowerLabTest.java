package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static dev.drover.tests.Eventually.waitUntil;
import static dev.drover.tests.LabAgent.nodeState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent's power manager on real lab hosts: drover-agent installed on lab8 by
 * roles/node_agent with a power: section listing lab8 and lab9 (sleep_mode poweroff, since an
 * nspawn host cannot suspend). Every magic packet is sent from inside a lab namespace: by
 * lab8's agent (waking lab9) or by python3 on lab9 (sleep-on-LAN to lab8), never from this
 * machine's own namespace.
 *
 * <ol>
 *   <li>lab9 is powered off (tests/lab/lab power-off); POST /api/v1/power/wake to lab8's agent
 *       sends the packets, the lab's power controller boots lab9, and the agent records the
 *       wake with its duration;</li>
 *   <li>the idle policy (after 20s, dry_run false) keeps lab8 up while a connection to the
 *       watched port is held, and powers it off once the connection is gone;</li>
 *   <li>lab8 is powered on again (its disk kept): the idle sleep is in its event history and the
 *       cooldown keeps it awake;</li>
 *   <li>sleep-on-LAN: a packet with a wrong password is ignored, the right one powers lab8 off.</li>
 * </ol>
 * lab8 and lab9 are reset at the end, whatever happened.
 */
@LabHosts({"lab8", "lab9"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PowerLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "lab8";
    private static final String OTHER = "lab9";
    private static final String PASSWORD = "a1b2c3d4e5f6";
    private static final int WATCHED_PORT = 8800;
    /** Holds one TCP connection to the watched port (over loopback) until /tmp/release exists. */
    private static final String HOLDER = """
            import os, socket, time
            srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            srv.bind(("0.0.0.0", %d)); srv.listen()
            client = socket.create_connection(("127.0.0.1", %d)); held, _ = srv.accept()
            while not os.path.exists("/tmp/release"):
                time.sleep(0.2)
            """.formatted(WATCHED_PORT, WATCHED_PORT);

    private final LabAgent.ApiToken operator = LabAgent.ApiToken.generate("operator-test", "operator");
    private Lab lab;
    private LabAgent agent;
    private Instant agentInstalled;

    @BeforeAll
    void installTheAgentWithPowerManagement() throws IOException {
        lab = Lab.require();
        agent = new LabAgent(lab, AGENT);
        lab.reset(AGENT, OTHER);
        // The connection is held from before the agent starts, so the idle policy never sees lab8 idle until released.
        LocalCommand.Output holder = lab.ssh(AGENT, "rm -f /tmp/release; cat > /tmp/holder.py; "
                + "setsid python3 /tmp/holder.py </dev/null >/tmp/holder.log 2>&1 & sleep 1; ss -tn state established '( sport = :"
                + WATCHED_PORT + " )' | tail -n +2 | wc -l", HOLDER);
        assertThat(holder.stdout().trim()).as("the held connection\n%s", holder.describe()).isEqualTo("1");
        LocalCommand.Output play = play();
        assertThat(play.exitCode()).as("installing the agent with roles/node_agent\n%s", play.describe()).isZero();
        agentInstalled = Instant.now();
    }

    @AfterAll
    void resetTheHosts() throws IOException {
        if (lab != null) {
            lab.reset(AGENT, OTHER); // boots them fresh whether they are on or off
        }
    }

    @Test
    @Order(1)
    void theAgentSeesBothNodesAwake() throws Exception {
        JsonNode power = waitFor("lab9 awake in lab8's view", () -> agent.json("/api/v1/power"),
                p -> nodeState(p, OTHER).equals("awake"), Duration.ofSeconds(30));
        assertThat(nodeState(power, AGENT)).isEqualTo("awake");
        assertThat(power.get("self").asText()).isEqualTo(AGENT);
        assertThat(power.get("sleep_mode").asText()).isEqualTo("poweroff");
    }

    @Test
    @Order(2)
    void wakeOverTheApiBootsAPoweredOffNodeAndRecordsHowLongItTook() throws Exception {
        LocalCommand.Output off = lab.command("power-off", OTHER);
        assertThat(off.exitCode()).as(off.describe()).isZero();
        // The lab's stand-in for NIC firmware watches an off host's port only after seeing it off
        // in two scans (0.3 s apart); a real NIC listens at once. Give it that moment.
        Thread.sleep(3000);
        JsonNode seenOff = waitFor("lab8's agent noticing lab9 is off", () -> agent.json("/api/v1/power"),
                p -> !nodeState(p, OTHER).equals("awake"), Duration.ofSeconds(30));
        assertThat(nodeState(seenOff, OTHER)).isEqualTo("unreachable"); // switched off by hand, not by the agent

        HttpResponse<String> viewer = agent.post("/api/v1/power/wake", null, "{\"node\":\"lab9\"}");
        assertThat(viewer.statusCode()).isEqualTo(401);
        HttpResponse<String> wake = agent.post("/api/v1/power/wake", operator, "{\"node\":\"lab9\"}");
        assertThat(wake.statusCode()).as(wake.body()).isEqualTo(200);
        JsonNode packets = JSON.readTree(wake.body()).get("packets");
        assertThat(packets.toString()).contains("10.77.0.255:9", "255.255.255.255:9", "10.77.0.19:7");
        assertThat(nodeState(agent.json("/api/v1/power"), OTHER)).isEqualTo("waking");

        JsonNode woke = waitFor("lab9 answering after the wake", () -> agent.json("/api/v1/power/events?node=lab9&limit=5"),
                events -> events.size() > 0 && events.get(0).get("action").asText().equals("woke"), Duration.ofSeconds(120));
        long wakeMs = woke.get(0).get("wake_ms").asLong();
        System.out.println("PowerLabTest: lab9 woke " + wakeMs + " ms after the magic packets");
        assertThat(wakeMs).isBetween(100L, 120_000L);
        assertThat(woke.get(1).get("action").asText()).isEqualTo("wake");
        assertThat(woke.get(1).get("who").asText()).isEqualTo("operator-test");
        assertThat(lab.ssh(OTHER, "echo up").stdout().trim()).isEqualTo("up");
        String metrics = agent.body("/metrics");
        assertThat(metrics).contains("drover_power_wake_seconds_count 1").contains("drover_power_node_state{node=\"lab9\",state=\"awake\"} 1.0");
        assertThat(lab.ssh(AGENT, "cat /var/lib/drover/agent/audit.log").stdout())
                .contains("\"who\":\"operator-test\"").contains("woke lab9: 6 magic packets");
    }

    @Test
    @Order(3)
    void theIdlePolicyWaitsForTheHeldConnectionThenPowersTheNodeOff() throws Exception {
        // Idle 'after' is 20s: past it (and past a check), the held connection must still keep lab8 up.
        Duration sinceStart = Duration.between(agentInstalled, Instant.now());
        Thread.sleep(Math.max(0, Duration.ofSeconds(35).minus(sinceStart).toMillis()));
        JsonNode power = agent.json("/api/v1/power");
        assertThat(power.at("/idle/reason").asText()).isEqualTo("busy: 1 connection on port " + WATCHED_PORT);
        assertThat(lab.answersSsh(AGENT)).isTrue();
        assertThat(agent.json("/api/v1/power/events?node=lab8").toString()).doesNotContain("\"idle\"");

        lab.ssh(AGENT, "touch /tmp/release");
        Instant released = Instant.now();
        boolean off = waitUntil(() -> "off".equals(lab.status(AGENT)), Duration.ofSeconds(120));
        System.out.println("PowerLabTest: lab8 " + (off ? "powered itself off " : "still up ")
                + Duration.between(released, Instant.now()).toSeconds() + " s after the connection closed");
        assertThat(off).as("lab8 powered off by the idle policy (tests/lab/lab status: off)").isTrue();
        assertThat(lab.answersSsh(AGENT)).isFalse();
    }

    @Test
    @Order(4)
    void afterPowerOnTheIdleSleepIsInTheHistoryAndTheCooldownHolds() throws Exception {
        assertThat(lab.status(AGENT)).isEqualTo("off");
        LocalCommand.Output on = lab.command("power-on", AGENT);
        assertThat(on.exitCode()).as(on.describe()).isZero();
        JsonNode events = waitFor("lab8's agent answering after power-on", () -> agent.json("/api/v1/power/events?node=lab8"),
                e -> e.size() > 0, Duration.ofSeconds(90));
        JsonNode sleep = events.get(0);
        assertThat(sleep.get("action").asText()).isEqualTo("sleep");
        assertThat(sleep.get("cause").asText()).isEqualTo("idle");
        assertThat(sleep.get("who").asText()).isEqualTo("idle policy");
        assertThat(sleep.get("reason").asText()).matches("idle for \\d+s \\(after 20s\\), 1 other node awake");
        JsonNode power = waitFor("the cooldown keeping a freshly booted node up", () -> agent.json("/api/v1/power"),
                p -> !p.at("/idle/reason").isNull()
                && !p.at("/idle/reason").asText().isEmpty() && p.at("/idle/reason").asText().contains("cooldown"), Duration.ofSeconds(60));
        assertThat(power.at("/idle/reason").asText()).contains("(cooldown 1m)");
        // Held again, so that the idle policy leaves lab8 up for the sleep-on-LAN test once the cooldown is over.
        LocalCommand.Output holder = lab.ssh(AGENT, "rm -f /tmp/release; cat > /tmp/holder.py; "
                + "setsid python3 /tmp/holder.py </dev/null >/tmp/holder.log 2>&1 & "
                + "sleep 1; ss -tn state established '( sport = :" + WATCHED_PORT + " )' | tail -n +2 | wc -l", HOLDER);
        assertThat(holder.stdout().trim()).as("the held connection\n%s", holder.describe()).isEqualTo("1");
    }

    @Test
    @Order(5)
    void sleepOnLanNeedsTheReversedMacAndThePassword() throws Exception {
        String mac = lab.host(AGENT).macAddress();
        LocalCommand.Output wrong = sendFromOther(mac, "000000000000");
        assertThat(wrong.exitCode()).as(wrong.describe()).isZero();
        LocalCommand.Output plainWake = sendFromOther(null, PASSWORD);
        assertThat(plainWake.exitCode()).as(plainWake.describe()).isZero();
        Thread.sleep(5000);
        assertThat(lab.status(AGENT)).as("a wrong password or a plain wake packet is ignored").isEqualTo("running");
        assertThat(lab.answersSsh(AGENT)).isTrue();

        LocalCommand.Output right = sendFromOther(mac, PASSWORD);
        assertThat(right.exitCode()).as(right.describe()).isZero();
        Instant sent = Instant.now();
        boolean off = waitUntil(() -> "off".equals(lab.status(AGENT)), Duration.ofSeconds(60));
        System.out.println("PowerLabTest: lab8 " + (off ? "powered off " : "still up ") + Duration.between(sent, Instant.now()).toSeconds()
                + " s after the sleep-on-LAN packet");
        assertThat(off).as("lab8 powered off by sleep-on-LAN (tests/lab/lab status: off)").isTrue();
        assertThat(lab.answersSsh(AGENT)).isFalse();
    }

    /**
     * A magic packet sent by python3 on lab9, by unicast to lab8's port 9: lab8's MAC reversed
     * (or, with {@code mac} null, a plain wake packet for lab8's MAC) and the password.
     */
    private LocalCommand.Output sendFromOther(String mac, String password) {
        String target = mac == null ? lab.host(AGENT).macAddress() : mac;
        boolean reverse = mac != null;
        String script = """
                import socket
                mac = bytes.fromhex("%s".replace(":", ""))
                if %s: mac = mac[::-1]
                packet = b"\\xff" * 6 + mac * 16 + bytes.fromhex("%s")
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.sendto(packet, ("%s", 9))
                """.formatted(target, reverse ? "True" : "False", password, lab.host(AGENT).address());
        return lab.ssh(OTHER, "python3 -", script);
    }

    private LocalCommand.Output play() {
        Map<String, Object> power = Map.of(
                "self", AGENT,
                "sleep_mode", "poweroff",
                "probe_interval", "1s",
                "nodes", List.of(
                        Map.of("name", AGENT, "address", lab.host(AGENT).address(), "mac", lab.host(AGENT).macAddress()),
                        Map.of("name", OTHER, "address", lab.host(OTHER).address(), "mac", lab.host(OTHER).macAddress())),
                "sleep_on_lan", Map.of("enabled", true, "password", PASSWORD),
                // The lab hosts share the machine's load average (other builds run there): the load
                // signal is set out of the way so that the test is about the connection alone.
                "idle", Map.of("enabled", true, "after", "20s", "dry_run", false, "min_awake_nodes", 1,
                        "cooldown", "60s", "ports", List.of(WATCHED_PORT), "max_load", 1000, "check_interval", "5s"));
        return agent.install("power-site.yml", Map.of("agent_power", power, "agent_tokens", List.of(operator.asRoleVariable())));
    }
}
