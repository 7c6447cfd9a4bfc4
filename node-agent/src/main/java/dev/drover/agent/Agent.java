package dev.drover.agent;

import dev.drover.UserError;
import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.checks.CheckHistory;
import dev.drover.agent.checks.CheckSchedule;
import dev.drover.agent.cluster.ConsulRegistration;
import dev.drover.agent.cluster.DockerView;
import dev.drover.agent.cluster.NomadView;
import dev.drover.agent.config.PowerConfig;
import dev.drover.agent.power.NomadAllocations;
import dev.drover.agent.power.WakeOnDemand;
import dev.drover.agent.power.WorkloadSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.node.NodeProbe;
import dev.drover.agent.power.PowerEventLog;
import dev.drover.agent.power.PowerManager;
import dev.drover.agent.web.AgentMetrics;
import dev.drover.agent.web.AgentServer;
import dev.drover.agent.web.AuditLog;
import dev.drover.agent.web.ServerParts;
import dev.drover.agent.workflow.Workflows;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent, put together from its config in the order that keeps it whole: every
 * input is validated (check files loaded and templated) before anything listens or runs, so a
 * bad file stops the start with its file:line and nothing half-started is left behind.
 * Closing takes the parts down in reverse (Consul deregistration first).
 */
public final class Agent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    /** How often the Nomad panel (and the Nomad workload signal) is read. */
    private static final Duration NOMAD_REFRESH = Duration.ofSeconds(2);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AgentServer server;
    private final CheckFiles files;
    private Workflows workflows;
    private final CheckHistory history;
    private final AuditLog audit;
    private volatile ConsulRegistration consul;

    private Agent(AgentConfig config, Optional<PowerManager.Devices> powerDevices) {
        Instant startedAt = Instant.now();
        String hostName = hostName();
        files = CheckFiles.load(config, hostName);
        Path dataDir = dataDir(config.dataDir());
        try {
            history = open(new CheckHistory(dataDir.resolve("history.sqlite"), config.history()));
            audit = open(new AuditLog(dataDir.resolve("audit.log")));
            AgentMetrics metrics = new AgentMetrics();
            files.addListener(metrics);
            files.addListener(history);
            DockerView docker = open(config.dockerHost().map(DockerView::new).orElseGet(DockerView::notConfigured));
            Optional<PowerEventLog> powerLog = config.power().map(p -> open(new PowerEventLog(dataDir.resolve("power.sqlite"),
                    p.maxEvents(), config.history().maxAge())));
            Optional<NomadView> nomad = config.nomad().map(n -> open(new NomadView(n.settings(), n.nodeName(), NOMAD_REFRESH)));
            Optional<PowerManager> power = config.power().map(p -> open(new PowerManager(p, config.bind(),
                    config.tls().isPresent() ? "https" : "http", config.port(),
                    powerDevices.orElseGet(() -> PowerManager.Devices.real(config.port())), signals(p, nomad))));
            power.ifPresent(p -> {
                p.addListener(powerLog.orElseThrow());
                p.addListener(metrics);
            });
            // Every workflow file is validated before anything listens, as the check files are.
            workflows = open(Workflows.open(config, dataDir, files, power, nomad.map(NomadView::client)));
            files.addListener(workflows.triggers());
            power.ifPresent(p -> p.addListener(workflows.triggers()));
            server = open(new AgentServer(new ServerParts(config, files, history, audit, metrics, new NodeProbe(), docker,
                    () -> Optional.ofNullable(consul).map(ConsulRegistration::state), version(), startedAt, hostName,
                    power, powerLog, nomad, workflows)));
            server.start();
            nomad.ifPresent(NomadView::start);
            power.ifPresent(PowerManager::start);
            // ConfigLoader refuses power.services without a nomad: section.
            power.ifPresent(p -> nomad.ifPresent(n -> p.startServices(n.client())));
            if (power.isPresent() && power.get().config().wakeOnDemand().enabled()) {
                PowerConfig.WakeOnDemand wod = power.get().config().wakeOnDemand();
                // ConfigLoader refuses wake_on_demand without a nomad: section.
                NomadView view = nomad.orElseThrow();
                WakeOnDemand watcher = open(new WakeOnDemand(power.get(), view.client(), wod.checkInterval()));
                watcher.start();
            }
            CheckSchedule schedule = open(new CheckSchedule(files));
            schedule.start();
            workflows.start();
            // Registered once serving, with the port actually bound (the config may say 0).
            config.consul().ifPresent(c -> {
                consul = open(new ConsulRegistration(c, hostName, checkUrl(config, c, server.port())));
                consul.start();
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The standard signals, and Nomad's allocations on this node when Nomad is configured. */
    private static List<WorkloadSignal> signals(PowerConfig power, Optional<NomadView> nomad) {
        List<WorkloadSignal> signals = new ArrayList<>(PowerManager.standardSignals(power));
        nomad.ifPresent(n -> signals.add(new NomadAllocations(n::snapshot)));
        return signals;
    }

    /** Starts an agent; a UserError names what in the config or a check file is wrong. */
    public static Agent start(AgentConfig config) {
        return new Agent(config, Optional.empty());
    }

    /** Starts an agent whose power manager uses {@code devices} (tests: recorded packets, no real sleep). */
    public static Agent start(AgentConfig config, PowerManager.Devices devices) {
        return new Agent(config, Optional.of(devices));
    }

    public int port() {
        return server.port();
    }

    public CheckFiles files() {
        return files;
    }

    /** Reads the workflow files again (SIGHUP, systemctl reload); a UserError says which file is wrong. */
    public dev.drover.agent.workflow.Reloaded reloadWorkflows() {
        return workflows.reload();
    }

    public CheckHistory history() {
        return history;
    }

    public Path auditLog() {
        return audit.file();
    }

    private <T extends AutoCloseable> T open(T part) {
        opened.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }

    /** The URL Consul's own agent probes: this host's /healthz, over TLS when the agent serves TLS. */
    private static String checkUrl(AgentConfig config, AgentConfig.Consul consul, int port) {
        String scheme = config.tls().isPresent() ? "https" : "http";
        String host = consul.serviceAddress().orElse(
                config.bind().equals("0.0.0.0") || config.bind().equals("::") ? "127.0.0.1" : config.bind());
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + ":" + port + "/healthz";
    }

    private static Path dataDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError("cannot create the data directory " + dir + ": " + e.getMessage(), null,
                    "set data_dir in the config to a directory this user can write");
        }
        if (!Files.isWritable(dir)) {
            throw new UserError("the data directory " + dir + " is not writable", null,
                    "set data_dir in the config to a directory this user can write");
        }
        return dir;
    }

    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: ask the resolver instead.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static String version() {
        try (InputStream in = Agent.class.getResourceAsStream("/drover-agent-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
