package dev.drover.agent;

import static dev.drover.agent.AgentNomadTest.waitFor;
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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service idle policy against the Nomad double: the job "echo" is played by an echo server
 * on 127.0.0.1:PORT that runs exactly while the double has an allocation of the job running
 * (as the job's task would bind the port). The agent must stop the idle job, hold the port,
 * start the job on the next connection and hand that connection over.
 */
class ServiceIdleTest {

    @TempDir
    Path dir;

    private NomadDouble nomad;
    private NomadClient client;
    private JobBackend backend;
    private int port;

    @BeforeEach
    void startNomadAndTheJob() throws Exception {
        nomad = new NomadDouble();
        client = new NomadClient(NomadSettings.at(nomad.address()));
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        client.register(NomadClient.jobOfJsonFile(new ObjectMapper().readTree(AgentNomadTest.job("echo", 100, null))),
                OptionalLong.empty());
        backend = new JobBackend(client, port);
        backend.start();
        waitFor(backend::serving);
    }

    @AfterEach
    void stop() {
        backend.close();
        nomad.close();
    }

    private AgentFixture agent(String serviceSettings) throws IOException {
        return AgentFixture.start(dir, "nomad:\n  address: " + nomad.address() + "\n  node: node-1\n"
                + "power:\n  services:\n    - {job: echo, port: " + port + ", listen: 127.0.0.1, check_interval: 200ms, "
                + serviceSettings + "}\n");
    }

    @Test
    void anIdleJobIsStoppedItsPortHeldAndTheNextConnectionStartsTheJobAndIsHandedOver() throws Exception {
        try (AgentFixture agent = agent("idle_after: 1500ms, start_timeout: 15s")) {
            assertThat(service(agent).get("state").asText()).isEqualTo("running");
            waitFor(() -> service(agent).get("state").asText().equals("idle-stopped"));
            assertThat(client.job("echo").body().get("Stop").asBoolean()).as("the job is stopped in Nomad").isTrue();
            JsonNode stop = event(agent, "stop");
            assertThat(stop.get("cause").asText()).isEqualTo("service-idle");
            assertThat(stop.get("result").asText()).isEqualTo("ok");
            assertThat(stop.get("reason").asText()).startsWith("job echo: no new connection on port " + port + " for ")
                    .contains("(idle_after 1500 ms)");
            waitFor(() -> !backend.serving());
            waitFor(() -> service(agent).get("port_held").asBoolean());

            // The job is down, yet the port accepts: the agent holds it. The bytes sent now reach the job once it is back.
            try (Socket user = new Socket()) {
                user.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                user.setSoTimeout(15_000);
                user.getOutputStream().write("hello while asleep\n".getBytes(StandardCharsets.US_ASCII));
                // The kernel completes the handshake before the agent's accept() returns: wait for the agent to see it.
                waitFor(() -> !service(agent).get("state").asText().equals("idle-stopped"));
                assertThat(readLine(user.getInputStream())).isEqualTo("hello while asleep");
            }
            assertThat(backend.starts.get()).as("the echo job ran twice: at the start and after the connection").isEqualTo(2);
            assertThat(client.job("echo").body().get("Stop").asBoolean()).isFalse();
            waitFor(() -> service(agent).get("state").asText().equals("running"));
            JsonNode start = event(agent, "start");
            assertThat(start.get("cause").asText()).isEqualTo("service-idle");
            assertThat(start.get("result").asText()).isEqualTo("ok");
            assertThat(start.get("wake_ms").asLong()).isPositive();
            assertThat(start.get("reason").asText()).contains("connection from 127.0.0.1 on port " + port)
                    .contains("healthy after " + start.get("wake_ms").asLong() + " ms").contains("1 waiting connection(s) handed over");
            assertThat(service(agent).get("last_event").get("action").asText()).isEqualTo("start");
            assertThat(service(agent).get("port_held").asBoolean()).as("handed over to the job").isFalse();

            String metrics = agent.get("/metrics").body();
            assertThat(metrics).contains("drover_power_events_total{action=\"stop\",cause=\"service-idle\"} 1.0")
                    .contains("drover_power_events_total{action=\"start\",cause=\"service-idle\"} 1.0")
                    .contains("drover_power_service_start_seconds_count 1");

            // New connections now reach the job itself.
            try (Socket direct = new Socket(InetAddress.getLoopbackAddress(), port)) {
                direct.setSoTimeout(5000);
                direct.getOutputStream().write("direct\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(direct.getInputStream())).isEqualTo("direct");
            }
            assertThat(backend.accepted.get()).as("connections the echo job served: handed over + direct").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void withABackendElsewhereEveryConnectionArrivingDuringTheStartWaitsAndIsHandedOver() throws Exception {
        // The job answers on another port (as behind a bridge): the agent can hold its own port through the start.
        int backendPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            backendPort = free.getLocalPort();
        }
        backend.close();
        backend = new JobBackend(client, backendPort);
        backend.start();
        waitFor(backend::serving);
        try (AgentFixture agent = agent("idle_after: 1s, start_timeout: 15s, backend: 127.0.0.1:" + backendPort)) {
            waitFor(() -> service(agent).get("state").asText().equals("idle-stopped") && service(agent).get("port_held").asBoolean());
            waitFor(() -> !backend.serving());
            backend.broken = true; // the job's task is slow to listen: both users below arrive during the start
            List<Socket> users = new ArrayList<>();
            try {
                for (String word : List.of("first", "second")) {
                    Socket user = new Socket(InetAddress.getLoopbackAddress(), port);
                    user.setSoTimeout(15_000);
                    user.getOutputStream().write((word + "\n").getBytes(StandardCharsets.US_ASCII));
                    users.add(user);
                }
                waitFor(() -> service(agent).get("state").asText().equals("starting"));
                Thread.sleep(500);
                assertThat(service(agent).get("port_held").asBoolean()).as("still held while the job starts").isTrue();
                backend.broken = false;
                assertThat(readLine(users.get(0).getInputStream())).isEqualTo("first");
                assertThat(readLine(users.get(1).getInputStream())).isEqualTo("second");
            } finally {
                users.forEach(JobBackend::closeQuietly);
            }
            waitFor(() -> agent.json(agent.get("/api/v1/power/events")).findValuesAsText("action").contains("start"));
            JsonNode start = event(agent, "start");
            assertThat(start.get("result").asText()).isEqualTo("ok");
            assertThat(start.get("reason").asText()).contains("2 waiting connection(s) handed over");
            assertThat(start.get("wake_ms").asLong()).isGreaterThanOrEqualTo(500);
            assertThat(service(agent).get("port_held").asBoolean()).isFalse();
        }
    }

    @Test
    void newConnectionsWhileTheJobRunsResetTheIdleClock() throws Exception {
        try (AgentFixture agent = agent("idle_after: 2s")) {
            long until = System.nanoTime() + 3_500_000_000L;
            while (System.nanoTime() < until) {
                try (Socket user = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    user.setSoTimeout(5000);
                    user.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(readLine(user.getInputStream())).isEqualTo("ping");
                    Thread.sleep(300); // long enough for a 200 ms check to see it
                }
                Thread.sleep(300);
            }
            assertThat(service(agent).get("state").asText()).as("3.5 s of traffic, idle_after 2s").isEqualTo("running");
            assertThat(service(agent).get("idle_seconds").asLong()).isLessThan(2);
            assertThat(client.job("echo").body().get("Stop").asBoolean()).isFalse();
            assertThat(agent.json(agent.get("/api/v1/power/events")).findValuesAsText("action")).doesNotContain("stop");
            // Then quiet: the job is stopped.
            waitFor(() -> service(agent).get("state").asText().equals("idle-stopped"));
        }
    }

    @Test
    void dryRunOnlyRecordsWouldStopOncePerIdlePeriod() throws Exception {
        try (AgentFixture agent = agent("idle_after: 1s, dry_run: true")) {
            waitFor(() -> agent.json(agent.get("/api/v1/power/events")).findValuesAsText("action").contains("would-stop"));
            JsonNode would = event(agent, "would-stop");
            assertThat(would.get("result").asText()).isEqualTo("dry run");
            assertThat(would.get("reason").asText()).contains("no new connection on port " + port);
            Thread.sleep(1500);
            assertThat(agent.json(agent.get("/api/v1/power/events")).findValuesAsText("action")).containsExactly("would-stop");
            assertThat(client.job("echo").body().get("Stop").asBoolean()).isFalse();
            assertThat(backend.serving()).isTrue();
            JsonNode service = service(agent);
            assertThat(service.get("state").asText()).isEqualTo("running");
            assertThat(service.get("dry_run").asBoolean()).isTrue();
            assertThat(service.get("port_held").asBoolean()).isFalse();
            assertThat(service.get("idle_seconds").asLong()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aJobThatDoesNotComeBackInTimeClosesTheWaitingConnectionAndHoldsThePortAgain() throws Exception {
        try (AgentFixture agent = agent("idle_after: 1s, start_timeout: 1500ms")) {
            waitFor(() -> service(agent).get("state").asText().equals("idle-stopped"));
            waitFor(() -> !backend.serving());
            waitFor(() -> service(agent).get("port_held").asBoolean());
            backend.broken = true; // the job's allocation runs, but nothing answers on the port
            try (Socket user = new Socket(InetAddress.getLoopbackAddress(), port)) {
                user.setSoTimeout(10_000);
                int read;
                try {
                    read = user.getInputStream().read();
                } catch (IOException reset) {
                    read = -1;
                }
                assertThat(read).as("the waiting connection is closed").isEqualTo(-1);
            }
            waitFor(() -> agent.json(agent.get("/api/v1/power/events")).findValuesAsText("action").contains("start"));
            JsonNode start = event(agent, "start");
            assertThat(start.get("result").asText()).startsWith("error: not healthy within start_timeout 1500 ms");
            assertThat(start.get("reason").asText()).contains("1 waiting connection(s) closed");
            waitFor(() -> service(agent).get("state").asText().equals("idle-stopped"));
            waitFor(() -> client.job("echo").body().get("Stop").asBoolean());
            waitFor(() -> service(agent).get("port_held").asBoolean());
            // Held again: the next connection is accepted (and tries again).
            try (Socket again = new Socket()) {
                again.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            }
        }
    }

    private static JsonNode service(AgentFixture agent) {
        JsonNode services = agent.json(agent.get("/api/v1/power")).get("services");
        assertThat(services).hasSize(1);
        return services.get(0);
    }

    private static JsonNode event(AgentFixture agent, String action) {
        for (JsonNode e : agent.json(agent.get("/api/v1/power/events"))) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " event");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    /**
     * Plays the job's task: an echo server on 127.0.0.1:PORT while the double has an allocation
     * of "echo" running, none otherwise (binding is retried: the agent may still hold the port).
     */
    static final class JobBackend implements AutoCloseable {
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        volatile boolean broken;
        private final NomadClient client;
        private final int port;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;
        private volatile boolean closed;
        private final Thread watcher;

        JobBackend(NomadClient client, int port) {
            this.client = client;
            this.port = port;
            this.watcher = new Thread(this::watch, "job-backend");
            watcher.setDaemon(true);
        }

        void start() {
            watcher.start();
        }

        boolean serving() {
            return server != null;
        }

        private void watch() {
            while (!closed) {
                try {
                    boolean running = false;
                    for (JsonNode alloc : client.jobAllocations("echo")) {
                        running |= alloc.path("DesiredStatus").asText().equals("run")
                                && alloc.path("ClientStatus").asText().equals("running");
                    }
                    if (running && server == null && !broken) {
                        bind();
                    } else if (!running && server != null) {
                        stopServing();
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // Nomad double going away at the end of a test
                }
            }
        }

        private void bind() {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                try {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                } catch (IOException e) {
                    s.close();
                    return; // still held by the agent: try again at the next look
                }
                server = s;
                starts.incrementAndGet();
                Thread acceptor = new Thread(() -> serve(s), "echo-job");
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                // try again
            }
        }

        private void serve(ServerSocket s) {
            while (!s.isClosed()) {
                try {
                    Socket c = s.accept();
                    accepted.incrementAndGet();
                    connections.add(c);
                    Thread echo = new Thread(() -> echo(c), "echo-conn");
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket c) {
            try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the job's stop
            }
        }

        private void stopServing() {
            ServerSocket s = server;
            server = null;
            closeQuietly(s);
            List<Socket> open = new ArrayList<>(connections);
            connections.clear();
            open.forEach(JobBackend::closeQuietly);
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // gone
            }
        }

        @Override
        public void close() {
            closed = true;
            watcher.interrupt();
            stopServing();
        }
    }
}
