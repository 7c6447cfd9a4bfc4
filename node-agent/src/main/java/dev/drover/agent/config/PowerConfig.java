package dev.drover.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code power:} section: the cluster's nodes, how this node sleeps, sleep-on-LAN, the idle
 * policy and scheduled wakes and sleeps. Absent from the config means power features are off.
 */
public record PowerConfig(List<Node> nodes, String self, String sleepMode, List<String> sleepCommand,
                          SleepOnLan sleepOnLan, Idle idle, List<Scheduled> schedules, Optional<String> peerToken,
                          Duration probeInterval, Duration wakeTimeout, int maxEvents, WakeOnDemand wakeOnDemand,
                          List<Service> services) {

    public PowerConfig {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        sleepCommand = List.copyOf(sleepCommand);
        schedules = List.copyOf(schedules);
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** One node of the cluster; {@code mac} normalised to aa:bb:..; {@code agentPort} empty = this agent's port. */
    public record Node(String name, String address, String mac, Optional<String> broadcast, boolean controller,
                       Optional<Integer> agentPort) {
        public Node(String name, String address, String mac, Optional<String> broadcast, boolean controller) {
            this(name, address, mac, broadcast, controller, Optional.empty());
        }
    }

    /** Opt-in: a magic packet with this node's MAC reversed and {@code password} puts it to sleep. */
    public record SleepOnLan(boolean enabled, byte[] password, int port) {
    }

    /** When this node sleeps by itself; with {@code dryRun} it only records "would-sleep". */
    public record Idle(boolean enabled, Duration after, int minAwakeNodes, Duration cooldown, List<Integer> ports,
                       double maxLoad, boolean dryRun, Duration checkInterval) {
        public Idle {
            ports = List.copyOf(ports);
        }
    }

    /** On the controller: wake sleeping nodes that match the constraints of jobs Nomad cannot place (docs/power.md). */
    public record WakeOnDemand(boolean enabled, Duration checkInterval) {
    }

    /**
     * The service idle policy for one Nomad job (docs/power.md#service-idle-policy): stopped after
     * {@code idleAfter} without a new connection on {@code port}, started again by the next one,
     * which the agent accepts on {@code listen}:{@code port} and hands to {@code backendHost}:{@code backendPort}.
     */
    public record Service(String job, int port, String listen, String backendHost, int backendPort, Duration idleAfter,
                          Duration startTimeout, Duration checkInterval, boolean dryRun) {
    }

    /** A cron-timed wake or sleep of one node. */
    public record Scheduled(String node, String action, String cron) {
    }
}
