package dev.drover.agent.config;

import dev.drover.UserError;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryLoader;
import dev.drover.wol.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Reads the {@code power:} section (docs/power.md), with the loader's file:line messages. */
final class PowerConfigReader {

    private static final Set<String> MODES = Set.of("suspend", "hibernate", "poweroff");

    private PowerConfigReader() {
    }

    static Optional<PowerConfig> read(Section root, Path base, Supplier<String> hostName) {
        if (!root.has("power")) {
            return Optional.empty();
        }
        Section power = root.section("power");
        power.allowOnly(Set.of("nodes", "inventory", "self", "sleep_mode", "sleep_command", "sleep_on_lan", "idle",
                "schedules", "peer_token", "probe_interval", "wake_timeout", "max_events", "wake_on_demand", "services"));
        if (power.has("nodes") && power.has("inventory")) {
            throw new UserError("'power.nodes' and 'power.inventory' both given; keep one", power.at("inventory"));
        }
        List<PowerConfig.Node> nodes = power.has("inventory") ? fromInventory(power, base) : nodes(power);
        String self = power.string("self", hostName.get());
        if (!nodes.isEmpty() && nodes.stream().noneMatch(n -> n.name().equals(self))) {
            throw new UserError("'power.self' is '" + self + "', which is not one of the nodes ("
                    + String.join(", ", nodes.stream().map(PowerConfig.Node::name).toList()) + ")",
                    power.has("self") ? power.at("self") : power.location(), "set power.self to this node's name in the list");
        }
        String mode = power.string("sleep_mode", "suspend");
        if (!MODES.contains(mode)) {
            throw new UserError("'power.sleep_mode' must be suspend, hibernate or poweroff, not '" + mode + "'", power.at("sleep_mode"));
        }
        List<String> command = power.has("sleep_command")
                ? List.of("/bin/sh", "-c", power.string("sleep_command", null))
                : List.of("systemctl", mode);
        Duration probe = power.duration("probe_interval", Duration.ofSeconds(5));
        if (probe.toMillis() < 500) {
            throw new UserError("'power.probe_interval' must be at least 500ms", power.at("probe_interval"));
        }
        return Optional.of(new PowerConfig(nodes, self, mode, command, sleepOnLan(power.section("sleep_on_lan")),
                idle(power.section("idle")), schedules(power, nodes), power.optionalString("peer_token"), probe,
                power.duration("wake_timeout", Duration.ofMinutes(5)), power.integer("max_events", 1000, 10, 1_000_000),
                wakeOnDemand(power.section("wake_on_demand")), services(power)));
    }

    private static List<PowerConfig.Service> services(Section power) {
        List<PowerConfig.Service> out = new ArrayList<>();
        Set<Integer> ports = new HashSet<>();
        for (Section entry : power.sections("services")) {
            entry.allowOnly(Set.of("job", "port", "listen", "backend", "idle_after", "start_timeout", "check_interval",
                    "dry_run"));
            for (String key : List.of("job", "port")) {
                if (!entry.has(key)) {
                    throw new UserError("'" + entry.qualified(key) + "' is missing: every service needs job and port",
                            entry.location(), "e.g. - {job: whoami, port: 8080, idle_after: 30m}");
                }
            }
            int port = entry.integer("port", 0, 1, 65535);
            if (!ports.add(port)) {
                throw new UserError("port " + port + " is listed for two services", entry.at("port"));
            }
            String backend = entry.string("backend", "127.0.0.1:" + port);
            int colon = backend.lastIndexOf(':');
            int backendPort;
            try {
                backendPort = colon <= 0 ? -1 : Integer.parseInt(backend.substring(colon + 1));
            } catch (NumberFormatException e) {
                backendPort = -1;
            }
            if (backendPort < 1 || backendPort > 65535) {
                throw new UserError("'" + entry.qualified("backend") + "' must be HOST:PORT, not '" + backend + "'",
                        entry.at("backend"), "e.g. backend: 127.0.0.1:8080");
            }
            String backendHost = backend.substring(0, colon).replaceAll("^\\[|\\]$", "");
            Duration idleAfter = entry.duration("idle_after", Duration.ofMinutes(30));
            Duration check = entry.duration("check_interval", Duration.ofSeconds(5));
            if (check.toMillis() < 100) {
                throw new UserError("'" + entry.qualified("check_interval") + "' must be at least 100ms", entry.at("check_interval"));
            }
            if (idleAfter.compareTo(check) < 0) {
                throw new UserError("'" + entry.qualified("idle_after") + "' is shorter than check_interval (" + check.toMillis()
                        + " ms)", entry.at("idle_after"), "raise idle_after or lower check_interval");
            }
            out.add(new PowerConfig.Service(entry.string("job", null), port, entry.string("listen", "0.0.0.0"), backendHost,
                    backendPort, idleAfter, entry.duration("start_timeout", Duration.ofMinutes(2)), check,
                    entry.bool("dry_run", false)));
        }
        return out;
    }

    private static List<PowerConfig.Node> nodes(Section power) {
        List<PowerConfig.Node> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Section entry : power.sections("nodes")) {
            entry.allowOnly(Set.of("name", "address", "mac", "broadcast", "controller", "agent_port"));
            for (String key : List.of("name", "address", "mac")) {
                if (!entry.has(key)) {
                    throw new UserError("'" + entry.qualified(key) + "' is missing: every node needs name, address and mac",
                            entry.location());
                }
            }
            String name = entry.string("name", null);
            if (!names.add(name)) {
                throw new UserError("node '" + name + "' is listed twice", entry.at("name"));
            }
            String mac = mac(entry.string("mac", null), entry.qualified("mac"), entry.at("mac"));
            Optional<Integer> agentPort = entry.has("agent_port")
                    ? Optional.of(entry.integer("agent_port", 0, 1, 65535)) : Optional.empty();
            nodes.add(new PowerConfig.Node(name, entry.string("address", null), mac, entry.optionalString("broadcast"),
                    entry.bool("controller", false), agentPort));
        }
        return nodes;
    }

    private static String mac(String text, String key, dev.drover.SourceLocation where) {
        try {
            return MacAddress.parse(text).toString();
        } catch (RuntimeException e) {
            throw new UserError("'" + key + "' is not a MAC address: '" + text + "'", where, "write it as aa:bb:cc:dd:ee:ff");
        }
    }

    /** Nodes from a drover/Ansible inventory: hosts with mac_address; controllers are the controller_nodes group. */
    private static List<PowerConfig.Node> fromInventory(Section power, Path base) {
        Path file = base.resolve(power.string("inventory", null)).normalize();
        if (!Files.exists(file)) {
            throw new UserError("'power.inventory': " + file + " does not exist", power.at("inventory"));
        }
        Inventory inventory = InventoryLoader.load(List.of(file.toString())).inventory();
        Set<String> controllers = inventory.group("controller_nodes") == null ? Set.of()
                : new HashSet<>(inventory.hostsIn("controller_nodes"));
        List<PowerConfig.Node> nodes = new ArrayList<>();
        for (Host host : inventory.hosts()) {
            Object mac = host.vars().get("mac_address");
            if (mac == null) {
                continue; // a host that cannot be woken is not part of power management
            }
            Object broadcast = host.vars().get("wol_broadcast");
            nodes.add(new PowerConfig.Node(host.name(), host.address(),
                    mac(String.valueOf(mac), file + ": " + host.name() + ".mac_address", power.at("inventory")),
                    Optional.ofNullable(broadcast).map(String::valueOf), controllers.contains(host.name())));
        }
        if (nodes.isEmpty()) {
            throw new UserError("'power.inventory': no host in " + file + " has mac_address", power.at("inventory"),
                    "set mac_address on the hosts that power management should wake");
        }
        return nodes;
    }

    private static PowerConfig.SleepOnLan sleepOnLan(Section section) {
        section.allowOnly(Set.of("enabled", "password", "port"));
        boolean enabled = section.bool("enabled", false);
        byte[] password = new byte[0];
        if (section.has("password")) {
            String hex = section.string("password", "").replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{8}|[0-9a-f]{12}")) {
                throw new UserError("'" + section.qualified("password") + "' must be 4 or 6 bytes in hex (8 or 12 hex digits)",
                        section.at("password"), "e.g. password: a1b2c3d4e5f6");
            }
            password = HexFormat.of().parseHex(hex);
        }
        if (enabled && password.length == 0) {
            throw new UserError("'" + section.qualified("password") + "' is missing: sleep-on-LAN needs a password",
                    section.location(), "without one, anyone on the LAN could put this node to sleep");
        }
        return new PowerConfig.SleepOnLan(enabled, password, section.integer("port", 9, 1, 65535));
    }

    private static PowerConfig.WakeOnDemand wakeOnDemand(Section section) {
        section.allowOnly(Set.of("enabled", "check_interval"));
        Duration every = section.duration("check_interval", Duration.ofSeconds(10));
        if (every.toMillis() < 100) {
            throw new UserError("'power.wake_on_demand.check_interval' must be at least 100ms", section.at("check_interval"));
        }
        return new PowerConfig.WakeOnDemand(section.bool("enabled", false), every);
    }

    private static PowerConfig.Idle idle(Section section) {
        section.allowOnly(Set.of("enabled", "after", "min_awake_nodes", "cooldown", "ports", "max_load", "dry_run",
                "check_interval"));
        List<Integer> ports = new ArrayList<>();
        for (String port : section.strings("ports")) {
            try {
                int n = Integer.parseInt(port.trim());
                if (n < 1 || n > 65535) {
                    throw new NumberFormatException();
                }
                ports.add(n);
            } catch (NumberFormatException e) {
                throw new UserError("'" + section.qualified("ports") + "' must list port numbers 1..65535, not '" + port + "'",
                        section.at("ports"));
            }
        }
        Duration check = section.duration("check_interval", Duration.ofMinutes(1));
        if (check.toMillis() < 1000) {
            throw new UserError("'" + section.qualified("check_interval") + "' must be at least 1s", section.at("check_interval"));
        }
        return new PowerConfig.Idle(section.bool("enabled", false), section.duration("after", Duration.ofMinutes(30)),
                section.integer("min_awake_nodes", 1, 0, 100_000), section.duration("cooldown", Duration.ofHours(1)),
                ports, section.number("max_load", 0.5), section.bool("dry_run", true), check);
    }

    private static List<PowerConfig.Scheduled> schedules(Section power, List<PowerConfig.Node> nodes) {
        List<PowerConfig.Scheduled> out = new ArrayList<>();
        for (Section entry : power.sections("schedules")) {
            entry.allowOnly(Set.of("node", "wake", "sleep"));
            String node = entry.string("node", null);
            if (node == null) {
                throw new UserError("'" + entry.qualified("node") + "' is missing: name the node to wake or sleep", entry.location());
            }
            if (nodes.stream().noneMatch(n -> n.name().equals(node))) {
                throw new UserError("'" + entry.qualified("node") + "': no node '" + node + "' in power.nodes", entry.at("node"));
            }
            if (entry.has("wake") == entry.has("sleep")) {
                throw new UserError("'" + entry.qualified("wake") + "': give exactly one of wake: CRON or sleep: CRON",
                        entry.location());
            }
            String action = entry.has("wake") ? "wake" : "sleep";
            out.add(new PowerConfig.Scheduled(node, action, ConfigLoader.quartzCron(entry.string(action, null), entry, action)));
        }
        return out;
    }
}
