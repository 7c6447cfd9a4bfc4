package dev.drover.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The lab that tests/lab/lab booted, for JUnit tests: its inventory, resetting hosts, and
 * running commands on them over SSH with the lab's key and known_hosts.
 *
 * <p>The lab must already be up (tests/run brings it up). Tests call {@link #require()},
 * which skips them unless the system property drover.lab is "true".
 */
final class Lab {

    private static final Pattern KNOWN_HOSTS_OPTION = Pattern.compile("UserKnownHostsFile=(\\S+)");

    private final Path root;
    private final Path inventory;
    private final Map<String, LabHost> hosts;

    private Lab(Path root, Path inventory, Map<String, LabHost> hosts) {
        this.root = root;
        this.inventory = inventory;
        this.hosts = hosts;
    }

    /** The running lab, or a skipped test when lab tests are not switched on. */
    static Lab require() {
        assumeTrue("true".equals(System.getProperty("drover.lab")),
                "lab tests run only with -Ddrover.lab=true (tests/run sets it after bringing the lab up)");
        Path root = projectRoot();
        Path inventory = root.resolve("tests/lab/inventory.yml");
        if (!Files.isRegularFile(inventory)) {
            throw new IllegalStateException(inventory + " is missing: bring the lab up first with tests/lab/lab up 3");
        }
        return new Lab(root, inventory, readInventory(inventory));
    }

    /** The checkout: the drover.root property Maven sets, or the nearest parent holding tests/lab/lab. */
    static Path projectRoot() {
        String configured = System.getProperty("drover.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("tests/lab/lab"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the project root (no tests/lab/lab above " + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

    Path root() {
        return root;
    }

    Path inventory() {
        return inventory;
    }

    LabHost host(String name) {
        LabHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalStateException("no host " + name + " in " + inventory + " (hosts: " + hosts.keySet()
                    + "); bring up more with tests/lab/lab up N");
        }
        return host;
    }

    List<LabHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /**
     * The hosts this test run may use, in order: the comma-separated drover.labHosts
     * property, or every host of the lab. Two test runs on one machine stay apart by taking
     * disjoint pools.
     */
    List<String> pool() {
        String configured = System.getProperty("drover.labHosts", "");
        if (configured.isBlank()) {
            return List.copyOf(hosts.keySet());
        }
        List<String> pool = List.of(configured.strip().split("\\s*,\\s*"));
        pool.forEach(this::host);
        return pool;
    }

    /** The Debian tree every lab host boots from (its own changes go to an overlay): "base:" of lab status. */
    Path baseDirectory() {
        LocalCommand.Output status = command("status");
        return status.stdout().lines()
                .filter(line -> line.startsWith("base: /"))
                .map(line -> Path.of(line.substring("base: ".length()).strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("lab status names no base directory\n" + status.describe()));
    }

    /** Boots the hosts fresh from the base: every change made on them is gone. */
    void reset(String... names) {
        for (String name : names) {
            host(name);
        }
        List<String> argv = new ArrayList<>(List.of(root.resolve("tests/lab/lab").toString(), "reset"));
        argv.addAll(List.of(names));
        LocalCommand.Output output = LocalCommand.of(argv).timeout(Duration.ofMinutes(3)).run();
        if (output.exitCode() != 0) {
            throw new AssertionError("lab reset failed\n" + output.describe());
        }
    }

    /** tests/lab/lab with these arguments (power-off, power-on, status, …). */
    LocalCommand.Output command(String... args) {
        List<String> argv = new ArrayList<>(List.of(root.resolve("tests/lab/lab").toString()));
        argv.addAll(List.of(args));
        return LocalCommand.of(argv).timeout(Duration.ofMinutes(3)).run();
    }

    /** The host's state as tests/lab/lab status reports it: running, off, … ("absent" for none). */
    String status(String host) {
        return command("status").stdout().lines().filter(line -> line.startsWith(host + " "))
                .map(line -> line.substring(host.length()).strip().split("\\s+")[0]).findFirst().orElse("absent");
    }

    /** Whether the host accepts a TCP connection on SSH within a second: a powered-off host does not. */
    boolean answersSsh(String name) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host(name).address(), 22), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a shell command on a host as the inventory's user; fails the test if SSH itself fails. */
    LocalCommand.Output ssh(String name, String command) {
        return ssh(name, command, "");
    }

    LocalCommand.Output ssh(String name, String command, String stdin) {
        LabHost host = host(name);
        List<String> argv = List.of("ssh",
                "-i", host.privateKey().toString(),
                "-o", "UserKnownHostsFile=" + host.knownHosts(),
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10",
                "-o", "LogLevel=ERROR",
                host.user() + "@" + host.address(),
                command);
        LocalCommand.Output output = LocalCommand.of(argv).stdin(stdin).timeout(Duration.ofMinutes(2)).run();
        if (output.exitCode() == 255) {
            throw new AssertionError("ssh to " + name + " failed\n" + output.describe());
        }
        return output;
    }

    /** The members of one of the lab inventory's groups (controller_nodes, worker_nodes), in its order. */
    List<String> group(String name) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(inventory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object members = path(document, "all", "children", name, "hosts");
        return members instanceof Map<?, ?> map ? map.keySet().stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, LabHost> readInventory(Path inventory) {
        Object document;
        try {
            document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(inventory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> labHosts = map(path(document, "all", "children", "lab", "hosts"), inventory);
        Map<String, LabHost> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : labHosts.entrySet()) {
            Map<String, Object> vars = map(entry.getValue(), inventory);
            String commonArgs = String.valueOf(vars.getOrDefault("ansible_ssh_common_args", ""));
            Matcher knownHosts = KNOWN_HOSTS_OPTION.matcher(commonArgs);
            if (!knownHosts.find()) {
                throw new IllegalStateException(inventory + ": host " + entry.getKey() + " has no UserKnownHostsFile in ansible_ssh_common_args");
            }
            hosts.put(entry.getKey(), new LabHost(entry.getKey(),
                    String.valueOf(vars.get("ansible_host")),
                    String.valueOf(vars.getOrDefault("ansible_user", "root")),
                    Path.of(String.valueOf(vars.get("ansible_ssh_private_key_file"))),
                    Path.of(knownHosts.group(1)),
                    String.valueOf(vars.get("mac_address"))));
        }
        return hosts;
    }

    private static Object path(Object node, String... keys) {
        for (String key : keys) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, Path inventory) {
        if (!(node instanceof Map)) {
            throw new IllegalStateException(inventory + " does not look like a lab inventory (all.children.lab.hosts)");
        }
        return (Map<String, Object>) node;
    }
}
