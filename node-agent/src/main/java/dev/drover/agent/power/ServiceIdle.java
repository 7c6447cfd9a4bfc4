package dev.drover.agent.power;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.agent.config.PowerConfig;
import dev.drover.nomad.NomadClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service idle policy for one Nomad job (docs/power.md#service-idle-policy): while the job
 * runs, new connections on its port keep it; after {@code idle_after} without one the job is
 * stopped and the agent holds the port; the first connection to the held port starts the job
 * again, and the connections accepted meanwhile are spliced to the job once it is healthy.
 */
final class ServiceIdle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceIdle.class);
    static final String CAUSE = "service-idle";
    private static final String WHO = "service idle policy";

    enum State {
        RUNNING("running"), IDLE_STOPPED("idle-stopped"), STARTING("starting");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private final PowerConfig.Service service;
    private final String node;
    private final NomadClient nomad;
    private final PortPeers peers;
    private final Consumer<PowerEvent> record;

    private State state = State.RUNNING;
    private Instant since = Instant.now();
    private Instant lastActivity = Instant.now();
    private Set<String> lastPeers = Set.of();
    private boolean wouldStopRecorded;
    private boolean firstCheck = true;
    private Optional<PowerEvent> lastEvent = Optional.empty();
    /** The job as Nomad had it before the stop: registered again, as it was, to start it. */
    private JsonNode savedJob;
    private ServerSocket held;
    private final List<Socket> waiting = new ArrayList<>();
    private volatile boolean closed;

    ServiceIdle(PowerConfig.Service service, String node, NomadClient nomad, PortPeers peers, Consumer<PowerEvent> record) {
        this.service = service;
        this.node = node;
        this.nomad = nomad;
        this.peers = peers;
        this.record = record;
    }

    synchronized ServiceStatus status() {
        return new ServiceStatus(service.job(), service.port(), state.label, since, lastActivity, service.dryRun(), held != null, lastEvent);
    }

    /** One reading of the port while the job runs; stops the job when it has been idle long enough. */
    void check(Instant now) {
        synchronized (this) {
            if (state != State.RUNNING || closed) {
                return;
            }
            if (firstCheck) {
                firstCheck = false;
                if (adoptStoppedJob()) {
                    return;
                }
            }
            Set<String> current = peers.read(service.port());
            boolean fresh = current.stream().anyMatch(p -> !lastPeers.contains(p));
            lastPeers = current;
            // An open connection counts as use too: stopping the job would cut it.
            if (fresh || !current.isEmpty()) {
                lastActivity = now;
                wouldStopRecorded = false;
                return;
            }
            Duration idle = Duration.between(lastActivity, now);
            if (idle.compareTo(service.idleAfter()) < 0) {
                return;
            }
            String reason = "no new connection on port " + service.port() + " for " + DurationWords.of(idle)
                    + " (idle_after " + DurationWords.of(service.idleAfter()) + ")";
            if (service.dryRun()) {
                if (!wouldStopRecorded) {
                    wouldStopRecorded = true;
                    event("would-stop", reason, Optional.empty(), "dry run");
                }
                return;
            }
            try {
                savedJob = nomad.job(service.job()).body();
                nomad.stop(service.job(), false);
            } catch (RuntimeException e) {
                LOG.warn("cannot stop idle job {}: {}", service.job(), e.getMessage());
                lastActivity = now; // try again after another idle period, not at every check
                event("stop", reason, Optional.empty(), "error: " + e.getMessage());
                return;
            }
            LOG.info("stopped idle job {}: {}", service.job(), reason);
            event("stop", reason, Optional.empty(), "ok");
            enter(State.IDLE_STOPPED);
        }
        hold();
    }

    /** After an agent restart: a job this policy had stopped is still stopped; hold its port again. */
    private boolean adoptStoppedJob() {
        try {
            JsonNode job = nomad.jobOrNull(service.job());
            if (job != null && job.path("Stop").asBoolean(false)) {
                savedJob = job;
                enter(State.IDLE_STOPPED);
                LOG.info("job {} is stopped: holding port {} until a connection starts it", service.job(), service.port());
                new Thread(this::hold, "service-hold " + service.port()).start();
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot read job {}: {}", service.job(), e.getMessage());
        }
        return false;
    }

    private void enter(State next) {
        state = next;
        since = Instant.now();
    }

    private void event(String action, String reason, Optional<Duration> took, String result) {
        PowerEvent e = new PowerEvent(Instant.now(), node, action, CAUSE, WHO, "job " + service.job() + ": " + reason, took, result);
        lastEvent = Optional.of(e);
        record.accept(e);
    }

    /** Binds the port (free once the job's allocation has stopped; retried for a while) and accepts on it. */
    private void hold() {
        ServerSocket socket = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (socket == null && !closed) {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                try {
                    s.bind(new InetSocketAddress(InetAddress.getByName(service.listen()), service.port()), 128);
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
                socket = s;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("cannot hold port {} for stopped job {}: {}", service.port(), service.job(), e.getMessage());
                    synchronized (this) {
                        event("hold", "cannot bind port " + service.port(), Optional.empty(), "error: " + e.getMessage());
                    }
                    return;
                }
                sleep(50);
            }
        }
        if (socket == null) {
            return;
        }
        synchronized (this) {
            if (closed) {
                ServiceHandover.closeQuietly(socket);
                return;
            }
            held = socket;
        }
        ServerSocket listening = socket;
        Thread acceptor = new Thread(() -> accept(listening), "service-accept " + service.port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (SocketException e) {
                return; // closed: handed over, or the agent stops
            } catch (IOException e) {
                LOG.warn("accept on held port {}: {}", service.port(), e.getMessage());
                continue;
            }
            boolean first;
            synchronized (this) {
                waiting.add(client);
                first = state == State.IDLE_STOPPED;
                if (first) {
                    enter(State.STARTING);
                }
            }
            if (first) {
                String from = client.getInetAddress().getHostAddress();
                Thread starter = new Thread(() -> start(from), "service-start " + service.job());
                starter.setDaemon(true);
                starter.start();
            }
        }
    }

    /** Starts the job again, waits until it is healthy, then hands the waiting connections over. */
    private void start(String from) {
        Instant began = Instant.now();
        InetSocketAddress backend = new InetSocketAddress(service.backendHost(), service.backendPort());
        boolean samePort = service.backendPort() == service.port();
        try {
            if (samePort) {
                // The job binds this very port: it cannot come up while the agent holds it. The
                // connections accepted so far stay queued; later ones wait in the job's backlog.
                releasePort();
            }
            ObjectNode job = savedJob.deepCopy();
            job.put("Stop", false);
            nomad.register(job, OptionalLong.empty());
            waitHealthy(backend, began.plus(service.startTimeout()));
        } catch (RuntimeException | IOException e) {
            if (closed) {
                takeWaiting().forEach(ServiceHandover::closeQuietly);
                return; // the agent stops: leave the job as it is
            }
            try {
                // A job that came up half-way would keep the port the agent has to hold.
                nomad.stop(service.job(), false);
            } catch (RuntimeException stopFailed) {
                LOG.warn("cannot stop job {} after its failed start: {}", service.job(), stopFailed.getMessage());
            }
            List<Socket> dropped = takeWaiting();
            dropped.forEach(ServiceHandover::closeQuietly);
            long ms = Duration.between(began, Instant.now()).toMillis();
            LOG.warn("job {} did not start: {}", service.job(), e.getMessage());
            synchronized (this) {
                event("start", "connection from " + from + " on port " + service.port() + "; " + dropped.size()
                        + " waiting connection(s) closed after " + ms + " ms", Optional.of(Duration.ofMillis(ms)),
                        "error: " + e.getMessage());
                enter(State.IDLE_STOPPED);
            }
            if (samePort || heldSocket() == null) {
                hold();
            }
            return;
        }
        releasePort();
        List<Socket> handed = takeWaiting();
        int spliced = 0;
        for (Socket client : handed) {
            try {
                ServiceHandover.splice(client, backend);
                spliced++;
            } catch (IOException e) {
                LOG.warn("cannot hand a connection to {}: {}", backend, e.getMessage());
                ServiceHandover.closeQuietly(client);
            }
        }
        Duration took = Duration.between(began, Instant.now());
        LOG.info("job {} is back after {} ms; {} connection(s) handed over", service.job(), took.toMillis(), spliced);
        synchronized (this) {
            event("start", "connection from " + from + " on port " + service.port() + "; healthy after " + took.toMillis()
                    + " ms, " + spliced + " waiting connection(s) handed over", Optional.of(took), "ok");
            enter(State.RUNNING);
            lastActivity = Instant.now();
            lastPeers = Set.of();
        }
    }

    /** Healthy: an allocation of the job is running and its backend accepts a TCP connection. */
    private void waitHealthy(InetSocketAddress backend, Instant deadline) throws IOException {
        String last = "no allocation running yet";
        while (!closed) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("not healthy within start_timeout " + DurationWords.of(service.startTimeout()) + " (" + last + ")");
            }
            try {
                if (allocationRunning()) {
                    try (Socket probe = new Socket()) {
                        probe.connect(backend, 500);
                        return;
                    } catch (IOException e) {
                        last = "allocation running, " + backend + " not accepting: " + e.getMessage();
                    }
                } else {
                    last = "no allocation running yet";
                }
            } catch (RuntimeException e) {
                last = "cannot read the job's allocations: " + e.getMessage();
            }
            sleep(200);
        }
        throw new IOException("the agent is stopping");
    }

    private boolean allocationRunning() {
        for (JsonNode alloc : nomad.jobAllocations(service.job())) {
            if ("run".equals(alloc.path("DesiredStatus").asText()) && "running".equals(alloc.path("ClientStatus").asText())) {
                return true;
            }
        }
        return false;
    }

    private synchronized ServerSocket heldSocket() {
        return held;
    }

    private synchronized void releasePort() {
        if (held != null) {
            ServiceHandover.closeQuietly(held);
            held = null;
        }
    }

    private synchronized List<Socket> takeWaiting() {
        List<Socket> out = new ArrayList<>(waiting);
        waiting.clear();
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        releasePort();
        takeWaiting().forEach(ServiceHandover::closeQuietly);
    }
}
