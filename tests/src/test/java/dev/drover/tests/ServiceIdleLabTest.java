package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service idle policy on a real host: drover-agent installed on lab6 by roles/node_agent,
 * watching the port of a Nomad job "wiki" whose task is a real web server on lab6
 * (python3's http.server as a transient systemd unit, port 8090). Nomad is the contract
 * double, in this JVM on the lab bridge; this test plays Nomad's client on lab6: whenever the
 * double has an allocation of "wiki" running the unit runs, and when it has none the unit is
 * stopped — what a Nomad client does with a raw_exec task.
 * <ol>
 *   <li>While the job runs, a page fetched from lab6:8090 comes from the job.</li>
 *   <li>With no connection for idle_after (15s) the agent stops the job in Nomad (the web server
 *       on lab6 goes away) and holds port 8090 itself.</li>
 *   <li>A browser's request to lab6:8090 then waits while the agent registers the job again;
 *       the web server comes back; the request is answered with the page; the start time is in
 *       the service's event and in /metrics.</li>
 * </ol>
 * lab6 is reset at the end, whatever happened.
 */
@LabHosts("lab6")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceIdleLabTest {

    private static final String HOST = "lab6";
    private static final int PORT = 8090;
    private static final String JOB = "wiki";
    private static final String UNIT = "wiki-task";
    private static final String PAGE = "the wiki, served by its Nomad job\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lab lab;
    private NomadDouble nomad;
    private NomadClient nomadApi;
    private NomadClientOnHost client;
    private LabAgent agent;

    @BeforeAll
    void installTheAgentAndStartTheJob() throws Exception {
        lab = Lab.require();
        lab.reset(HOST);
        agent = new LabAgent(lab, HOST);
        nomad = new NomadDouble(InetAddress.getByName("10.77.0.1"));
        nomadApi = new NomadClient(NomadSettings.at(nomad.address()));
        LocalCommand.Output site = lab.ssh(HOST, "mkdir -p /srv/wiki && cat > /srv/wiki/index.html", PAGE);
        assertThat(site.exitCode()).as(site.describe()).isZero();
        client = new NomadClientOnHost();
        client.start();
        register();
        waitFor("the job's web server on " + HOST, () -> fetch(Duration.ofSeconds(3)), PAGE::equals, Duration.ofSeconds(30));
        LocalCommand.Output play = play();
        assertThat(play.exitCode()).as("installing the agent with roles/node_agent\n%s", play.describe()).isZero();
    }

    @AfterAll
    void cleanUp() {
        if (client != null) {
            client.close();
        }
        if (nomad != null) {
            nomad.close();
        }
        if (lab != null) {
            lab.reset(HOST);
        }
    }

    @Test
    @Order(1)
    void theRunningJobServesThePageAndTheAgentSeesItRunning() throws Exception {
        assertThat(fetch(Duration.ofSeconds(5))).isEqualTo(PAGE);
        JsonNode service = waitFor("the agent's view of " + JOB, this::service, s -> s != null, Duration.ofSeconds(60));
        assertThat(service.get("state").asText()).isEqualTo("running");
        assertThat(service.get("port_held").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void anIdleJobIsStoppedInNomadAndItsPortHeldByTheAgent() throws Exception {
        JsonNode held = waitFor(JOB + " idle-stopped with its port held", this::service,
                s -> s.get("state").asText().equals("idle-stopped") && s.get("port_held").asBoolean(), Duration.ofSeconds(60));
        assertThat(held.get("last_event").get("action").asText()).isEqualTo("stop");
        assertThat(held.get("last_event").get("cause").asText()).isEqualTo("service-idle");
        assertThat(held.get("last_event").get("reason").asText()).contains("no new connection on port " + PORT);
        assertThat(nomadApi.jobOrNull(JOB).get("Stop").asBoolean()).as("the job is stopped in Nomad").isTrue();
        LocalCommand.Output unit = lab.ssh(HOST, "systemctl is-active " + UNIT + " || true");
        assertThat(unit.stdout().strip()).as("the job's web server on %s is gone", HOST).isNotEqualTo("active");
        LocalCommand.Output listener = lab.ssh(HOST, "ss -Htlnp 'sport = :" + PORT + "'");
        assertThat(listener.stdout()).as("who listens on %d on %s", PORT, HOST).contains("java").doesNotContain("python3");
    }

    @Test
    @Order(3)
    void theNextRequestStartsTheJobAndIsAnsweredByIt() throws Exception {
        int startsBefore = client.starts.get();
        Instant sent = Instant.now();
        String page = fetch(Duration.ofSeconds(60));
        Duration took = Duration.between(sent, Instant.now());
        System.out.printf("ServiceIdleLabTest: the first request to the idle-stopped job was answered after %d ms%n",
                took.toMillis());
        assertThat(page).isEqualTo(PAGE);
        // The client counts a start once systemd reports the unit active, which may be just after the answer.
        waitFor("the job's task started again on " + HOST, client.starts::get, n -> n > startsBefore, Duration.ofSeconds(10));
        assertThat(client.starts.get()).as("starts of the job's task on %s", HOST).isEqualTo(startsBefore + 1);
        assertThat(nomadApi.jobOrNull(JOB).get("Stop").asBoolean()).as("the job runs again in Nomad").isFalse();

        JsonNode service = waitFor(JOB + " running again", this::service,
                s -> s.get("state").asText().equals("running") && s.get("last_event").get("action").asText().equals("start"),
                Duration.ofSeconds(30));
        JsonNode start = service.get("last_event");
        assertThat(start.get("result").asText()).isEqualTo("ok");
        assertThat(start.get("reason").asText()).contains("1 waiting connection(s) handed over");
        assertThat(start.get("wake_ms").asLong()).isPositive().isLessThanOrEqualTo(took.toMillis());
        assertThat(service.get("port_held").asBoolean()).isFalse();

        String metrics = agent.body("/metrics");
        assertThat(metrics).contains("drover_power_service_start_seconds_count 1");
    }

    // --- Nomad's side ------------------------------------------------------------------

    private void register() throws IOException {
        String job = "{\"Job\": {\"ID\": \"" + JOB + "\", \"Name\": \"" + JOB + "\", \"Type\": \"service\","
                + " \"Datacenters\": [\"dc1\"], \"TaskGroups\": [{\"Name\": \"web\", \"Count\": 1, \"Tasks\": [{\"Name\":"
                + " \"http\", \"Driver\": \"raw_exec\", \"Config\": {\"command\": \"python3\"}, \"Resources\": {\"MemoryMB\": 64}}]}]}}";
        nomadApi.register(NomadClient.jobOfJsonFile(JSON.readTree(job)), OptionalLong.empty());
    }

    /**
     * Nomad's client on lab6 for the job's one task: a transient systemd unit running
     * python3's web server while the double has an allocation of the job running. Starting is
     * retried while the port is still the agent's (the server then exits at once).
     */
    private final class NomadClientOnHost implements AutoCloseable {
        final AtomicInteger starts = new AtomicInteger();
        private final Thread thread = new Thread(this::reconcile, "nomad-client-" + HOST);
        private volatile boolean closed;

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        private void reconcile() {
            boolean serving = false;
            while (!closed) {
                try {
                    boolean running = allocationRunning();
                    if (running && !serving) {
                        LocalCommand.Output started = lab.ssh(HOST, "systemctl reset-failed " + UNIT + " 2>/dev/null;"
                                + " systemd-run --unit=" + UNIT + " --collect python3 -m http.server " + PORT
                                + " --directory /srv/wiki && sleep 0.5 && systemctl is-active --quiet " + UNIT);
                        serving = started.exitCode() == 0;
                        if (serving) {
                            starts.incrementAndGet();
                        }
                    } else if (!running && serving) {
                        lab.ssh(HOST, "systemctl stop " + UNIT);
                        serving = false;
                    } else if (running && !unitActive()) {
                        serving = false; // it exited (port still held): start it again
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | AssertionError e) {
                    // the double or the host going away at the end of the test
                }
            }
        }

        private boolean allocationRunning() {
            JsonNode allocations = nomadApi.jobAllocations(JOB);
            for (JsonNode alloc : allocations) {
                if (alloc.path("DesiredStatus").asText().equals("run") && alloc.path("ClientStatus").asText().equals("running")) {
                    return true;
                }
            }
            return false;
        }

        private boolean unitActive() {
            return lab.ssh(HOST, "systemctl is-active --quiet " + UNIT).exitCode() == 0;
        }

        @Override
        public void close() {
            closed = true;
            thread.interrupt();
        }
    }

    // --- the agent -----------------------------------------------------------------------

    private LocalCommand.Output play() {
        Map<String, Object> power = Map.of("services", List.of(Map.of(
                "job", JOB, "port", PORT, "idle_after", "15s", "check_interval", "500ms", "start_timeout", "40s")));
        Map<String, Object> nomadSection = Map.of("address", nomad.address().toString(), "node", "node-1");
        return agent.install("nomad-power-site.yml", Map.of("agent_power", power, "agent_nomad", nomadSection,
                "agent_tokens", List.of()));
    }

    private JsonNode service() {
        JsonNode power = agent.json("/api/v1/power");
        if (power != null) {
            for (JsonNode service : power.path("services")) {
                if (service.get("job").asText().equals(JOB)) {
                    return service;
                }
            }
        }
        return null;
    }

    /**
     * GET / on lab6:8090 over a plain socket, as a browser would: the body, or null when the
     * connection is refused or cut. A raw socket, because the request must be sent at once and
     * wait however long the start takes, with no client-side retry hiding a failure.
     */
    private String fetch(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(lab.host(HOST).address(), PORT), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /index.html HTTP/1.0\r\nHost: " + HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int body = response.indexOf("\r\n\r\n");
            return response.startsWith("HTTP/1.0 200") && body >= 0 ? response.substring(body + 4) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
