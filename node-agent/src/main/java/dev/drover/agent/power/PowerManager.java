package dev.drover.agent.power;

import dev.drover.agent.config.PowerConfig;
import dev.drover.wol.LocalSubnets;
import dev.drover.wol.MacAddress;
import dev.drover.wol.PacketSink;
import dev.drover.wol.WakeSender;
import dev.drover.wol.SentPacket;
import dev.drover.wol.WakeTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's power manager (docs/power.md): tracks every node's state by probing it,
 * wakes nodes with magic packets, puts this node to sleep (or asks another node's agent to),
 * listens for sleep-on-LAN, runs the idle policy and the scheduled wakes and sleeps, and
 * records every action as a {@link PowerEvent}.
 */
public final class PowerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PowerManager.class);
    /** Time for the HTTP answer to leave before this node's sleep command runs. */
    private static final long SLEEP_DELAY_MS = 1000;

    private final PowerConfig config;
    private final Devices devices;
    private final List<WorkloadSignal> signals;
    private final PeerSleep peers;
    private final Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final String bind;
    private volatile ServiceIdlePolicy services;
    private Optional<Instant> idleSince = Optional.empty();
    private boolean wouldSleepRecorded;
    private volatile IdleDecision lastDecision;
    /** A boot counts as a wake for the cooldown: with poweroff as the sleep mode, the agent starts with the node. */
    private final Instant startedAt = Instant.now();
    private long lastProbeNanos = System.nanoTime();

    /** What touches the world: the network for packets, the sleep command, the probes. Tests record instead. */
    public record Devices(PacketSink packets, SleepRunner sleeper, Reachability reachability) {
        /** The network, the sleep command, and probes of each node's agent port, then SSH. */
        public static Devices real(int agentPort) {
            return new Devices(PacketSink.udp(), SleepRunner.process(), Reachability.tcp(1000, agentPort, 22));
        }
    }

    public PowerManager(PowerConfig config, String bind, String scheme, int agentPort, Devices devices,
                        List<WorkloadSignal> signals) {
        this.config = config;
        this.devices = devices;
        this.signals = List.copyOf(signals);
        this.bind = bind;
        this.peers = new PeerSleep(scheme, agentPort);
        Instant now = Instant.now();
        for (PowerConfig.Node node : config.nodes()) {
            NodeStatus status = NodeStatus.initial(node.name(), node.controller(), now);
            nodes.put(node.name(), node.name().equals(config.self()) ? status.in(NodeState.AWAKE, now) : status);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "power");
            t.setDaemon(true);
            return t;
        });
    }

    /** The workload signals that exist today: connections on the watched ports and the load average. */
    public static List<WorkloadSignal> standardSignals(PowerConfig config) {
        return List.of(new TcpConnections(new java.util.HashSet<>(config.idle().ports())),
                new LoadAverage(config.idle().maxLoad()));
    }

    public void addListener(PowerListener listener) {
        listeners.add(listener);
    }

    public PowerConfig config() {
        return config;
    }

    public void start() {
        publishStates();
        timer.scheduleWithFixedDelay(this::probeAll, 0, config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
        if (config.idle().enabled()) {
            long every = config.idle().checkInterval().toMillis();
            timer.scheduleWithFixedDelay(this::idleCheck, every, every, TimeUnit.MILLISECONDS);
        }
        if (config.sleepOnLan().enabled()) {
            PowerConfig.Node self = selfNode();
            SleepOnLanListener listener = new SleepOnLanListener(bind, config.sleepOnLan().port(), MacAddress.parse(self.mac()),
                    config.sleepOnLan().password(), from -> sleep(config.self(), true, "sleep-on-lan", from,
                    "magic packet with the reversed MAC from " + from));
            parts.add(listener);
            listener.start();
        }
        if (!config.schedules().isEmpty()) {
            PowerSchedule schedule = new PowerSchedule(config.schedules(), this);
            parts.add(schedule);
            schedule.start();
        }
    }

    /**
     * Starts the service idle policy of power.services, which stops and starts its jobs through
     * {@code nomad} (the agent's own Nomad client) and records its events here.
     */
    public void startServices(dev.drover.nomad.NomadClient nomad) {
        if (config.services().isEmpty()) {
            return;
        }
        ServiceIdlePolicy policy = new ServiceIdlePolicy(config.services(), config.self(), nomad, new PortPeers(), this::record);
        parts.add(policy);
        services = policy;
        policy.start();
    }

    /** Each watched service's state, for the API and the page; empty without power.services. */
    public List<ServiceStatus> services() {
        ServiceIdlePolicy policy = services;
        return policy == null ? List.of() : policy.statuses();
    }

    public synchronized List<NodeStatus> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<IdleDecision> lastIdleDecision() {
        return Optional.ofNullable(lastDecision);
    }

    /** Sends the magic packets for {@code name} from this node; the node is "waking" until it answers. */
    public WakeResult wake(String name, boolean force, String cause, String who, String reason) {
        PowerConfig.Node node = known(name);
        NodeStatus status;
        synchronized (this) {
            status = nodes.get(name);
        }
        if (name.equals(config.self())) {
            throw new PowerRefusal(409, name + " is this node, and it is awake: it is answering this request");
        }
        if (status.state() == NodeState.AWAKE && !force) {
            throw new PowerRefusal(409, name + " is awake already (send \"force\": true to send the packets anyway)");
        }
        WakeTarget target;
        try {
            target = WakeTarget.forHost(name, MacAddress.parse(node.mac()), InetAddress.getByName(node.address()),
                    node.broadcast().isPresent() ? Optional.of(InetAddress.getByName(node.broadcast().get())) : Optional.empty(),
                    Optional.empty());
        } catch (UnknownHostException e) {
            throw new PowerRefusal(400, "cannot resolve " + name + "'s address or broadcast: " + e.getMessage());
        }
        List<SentPacket> sent;
        try {
            sent = new WakeSender(devices.packets(), LocalSubnets::ofThisMachine).send(target);
        } catch (IOException e) {
            PowerEvent failed = PowerEvent.of(name, "wake", cause, who, reason, "error: " + e.getMessage());
            record(failed);
            throw new PowerRefusal(502, "cannot send the magic packets for " + name + ": " + e.getMessage());
        }
        Instant now = Instant.now();
        PowerEvent event = PowerEvent.of(name, "wake", cause, who, reason, "ok");
        synchronized (this) {
            nodes.put(name, nodes.get(name).waking(now).withEvent(event));
        }
        record(event);
        publishStates();
        LOG.info("woke {} ({} packets, {} by {}): {}", name, sent.size(), cause, who, reason);
        return new WakeResult(event, sent);
    }

    /** The packets sent for a wake, for the API's answer. */
    public record WakeResult(PowerEvent event, List<SentPacket> packets) {
    }

    /**
     * Puts {@code name} to sleep: this node runs its sleep command (after a second, so an HTTP
     * answer can leave); another node's agent is asked over HTTP with power.peer_token.
     */
    public PowerEvent sleep(String name, boolean force, String cause, String who, String reason) {
        PowerConfig.Node node = known(name);
        if (node.controller() && !force) {
            throw new PowerRefusal(409, name + " is a controller; send \"force\": true to put it to sleep anyway");
        }
        if (name.equals(config.self())) {
            PowerEvent event = PowerEvent.of(name, "sleep", cause, who, reason, "ok");
            synchronized (this) {
                nodes.put(name, nodes.get(name).sleeping(Instant.now()).withEvent(event));
            }
            record(event);
            LOG.info("going to sleep ({} by {}): {}; running {}", cause, who, reason, String.join(" ", config.sleepCommand()));
            timer.schedule(this::runSleepCommand, SLEEP_DELAY_MS, TimeUnit.MILLISECONDS);
            return event;
        }
        String token = config.peerToken().orElseThrow(() -> new PowerRefusal(409, "cannot put " + name
                + " to sleep from here: power.peer_token is not set; ask " + name + "'s own agent, or set a token its agent accepts"));
        try {
            peers.ask(node, token, force);
        } catch (PowerRefusal e) {
            record(PowerEvent.of(name, "sleep", cause, who, reason, "error: " + e.getMessage()));
            throw e;
        }
        PowerEvent event = PowerEvent.of(name, "sleep", cause, who, reason, "ok");
        synchronized (this) {
            nodes.put(name, nodes.get(name).sleeping(Instant.now()).withEvent(event));
        }
        record(event);
        return event;
    }

    private void runSleepCommand() {
        try {
            devices.sleeper().sleep(config.sleepCommand());
        } catch (IOException | RuntimeException e) {
            LOG.error("the sleep command {} failed: {}", config.sleepCommand(), e.toString());
            synchronized (this) {
                // Still up: the idle policy may try again later rather than wait for a resume that never comes.
                NodeStatus self = nodes.get(config.self());
                nodes.put(config.self(), new NodeStatus(self.name(), self.controller(), NodeState.AWAKE, self.since(), false,
                        Optional.empty(), self.lastWoken(), self.lastEvent()));
            }
            record(PowerEvent.of(config.self(), "sleep", "command", "agent", String.join(" ", config.sleepCommand()),
                    "error: " + e.getMessage()));
        }
    }

    private PowerConfig.Node known(String name) {
        if (name == null || name.isBlank()) {
            throw new PowerRefusal(400, "name the node: {\"node\": \"NAME\"}");
        }
        return config.node(name).orElseThrow(() -> new PowerRefusal(404, "no node '" + name + "' in power.nodes (known: "
                + String.join(", ", config.nodes().stream().map(PowerConfig.Node::name).toList()) + ")"));
    }

    private PowerConfig.Node selfNode() {
        return config.node(config.self()).orElseThrow(() -> new IllegalStateException("power.self is not in power.nodes"));
    }

    /** Records an event, then tells the listeners (history, metrics, the page). */
    public void record(PowerEvent event) {
        synchronized (this) {
            NodeStatus status = nodes.get(event.node());
            if (status != null) {
                nodes.put(event.node(), status.withEvent(event));
            }
        }
        for (PowerListener listener : listeners) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                LOG.warn("power event not recorded by {}: {}", listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    void probeAll() {
        try {
            boolean changed = noticeResume();
            for (PowerConfig.Node node : config.nodes()) {
                if (node.name().equals(config.self())) {
                    continue;
                }
                boolean answered = devices.reachability().answers(node);
                NodeStatus.ProbeOutcome outcome;
                synchronized (this) {
                    NodeStatus before = nodes.get(node.name());
                    outcome = before.afterProbe(answered, Instant.now(), config.wakeTimeout());
                    nodes.put(node.name(), outcome.status());
                    changed |= outcome.status().state() != before.state();
                }
                if (outcome.wakeEnded().isPresent()) {
                    Duration took = outcome.wakeEnded().get();
                    LOG.info("{} is awake, {} ms after the wake", node.name(), took.toMillis());
                    record(new PowerEvent(Instant.now(), node.name(), "woke", "probe", "agent",
                            "answered " + took.toMillis() + " ms after the magic packets", Optional.of(took), "ok"));
                } else if (outcome.wakeTimedOut()) {
                    record(PowerEvent.of(node.name(), "woke", "probe", "agent", "no answer within "
                            + config.wakeTimeout().toSeconds() + " s of the magic packets", "error: timed out"));
                }
            }
            if (changed) {
                publishStates();
            }
        } catch (RuntimeException e) {
            LOG.warn("power probe failed: {}", e.toString());
        }
    }

    /**
     * This node was suspended if the probe timer fell far behind (the JVM stood still): then it
     * is awake again, and its cooldown starts now.
     */
    private boolean noticeResume() {
        long now = System.nanoTime();
        long gap = now - lastProbeNanos;
        lastProbeNanos = now;
        long expected = config.probeInterval().toNanos();
        if (gap < 3 * expected + TimeUnit.SECONDS.toNanos(10)) {
            return false;
        }
        PowerEvent event;
        synchronized (this) {
            NodeStatus self = nodes.get(config.self());
            if (!self.sleepRequested()) {
                return false;
            }
            Instant at = Instant.now();
            nodes.put(config.self(), new NodeStatus(self.name(), self.controller(), NodeState.AWAKE, at, false,
                    Optional.empty(), Optional.of(at), self.lastEvent()));
            idleSince = Optional.empty();
            event = PowerEvent.of(config.self(), "woke", "resume", "agent", "resumed after " + (gap / 1_000_000_000) + " s", "ok");
        }
        LOG.info("resumed from sleep");
        record(event);
        return true;
    }

    private void publishStates() {
        List<NodeStatus> snapshot = nodes();
        for (PowerListener listener : listeners) {
            try {
                listener.states(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("power states not published: {}", e.toString());
            }
        }
    }

    /** One run of the idle policy: read the signals, decide (pure), act. */
    void idleCheck() {
        try {
            IdleDecision decision = decideNow(Instant.now());
            lastDecision = decision;
            LOG.debug("idle policy: {} ({})", decision.verdict(), decision.reason());
            switch (decision.verdict()) {
                case SLEEP -> sleep(config.self(), false, "idle", "idle policy", decision.reason());
                case WOULD_SLEEP -> {
                    if (!wouldSleepRecorded) {
                        wouldSleepRecorded = true;
                        LOG.info("idle policy (dry run): would sleep now: {}", decision.reason());
                        record(PowerEvent.of(config.self(), "would-sleep", "idle", "idle policy", decision.reason(), "dry run"));
                    }
                }
                case STAY_AWAKE -> {
                    if (decision.idleSince().isEmpty()) {
                        wouldSleepRecorded = false;
                    }
                }
            }
        } catch (PowerRefusal e) {
            LOG.info("idle policy: not sleeping: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("idle check failed: {}", e.toString());
        }
    }

    synchronized IdleDecision decideNow(Instant now) {
        List<String> busy = new ArrayList<>();
        for (WorkloadSignal signal : signals) {
            signal.busy().ifPresent(busy::add);
        }
        NodeStatus self = nodes.get(config.self());
        int othersAwake = (int) nodes.values().stream()
                .filter(n -> !n.name().equals(config.self()) && n.state() == NodeState.AWAKE).count();
        PowerConfig.Idle idle = config.idle();
        IdleDecision decision = IdleDecision.decide(new IdleInputs(now, busy, idleSince, self.controller(), othersAwake,
                self.lastWoken().or(() -> Optional.of(startedAt)), self.sleepRequested(), idle.enabled(), idle.after(),
                idle.minAwakeNodes(), idle.cooldown(), idle.dryRun()));
        idleSince = decision.idleSince();
        return decision;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("while stopping power: {}", e.toString());
            }
        }
    }
}
