package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.exec.InventoryVars;
import dev.drover.inventory.HostPattern;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryLoader;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.vault.SecretMask;
import dev.drover.vault.Vault;
import dev.drover.wol.LocalSubnets;
import dev.drover.wol.MacAddress;
import dev.drover.wol.MagicPacket;
import dev.drover.wol.SentPacket;
import dev.drover.wol.SshBanner;
import dev.drover.wol.Subnet;
import dev.drover.wol.WakeFailure;
import dev.drover.wol.WakeSender;
import dev.drover.wol.WakeTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover wake}: sends Wake-on-LAN magic packets to inventory hosts, groups or bare MACs,
 * and with --wait waits until each host answers on SSH.
 */
@Command(name = "wake", mixinStandardHelpOptions = true,
        description = "Wake machines with Wake-on-LAN magic packets (MACs from the inventory's mac_address).",
        footer = {"", "Each host gets the packet at its subnet's directed broadcast (wol_broadcast, or the one of this "
                + "machine's interfaces on the host's subnet), at 255.255.255.255 and at its own address, each on ports 9 and 7.",
                "", "Exit codes: 0 sent (and, with --wait, every host answered SSH), 1 a send failed or --wait timed out, "
                + "2 bad input (an unknown host or group, a bad MAC)."})
final class WakeCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Parameters(paramLabel = "HOST|GROUP|MAC", arity = "1..*",
            description = "Inventory hosts or groups (any host pattern), or MAC addresses.")
    List<String> names = new ArrayList<>();

    @Option(names = "--broadcast", paramLabel = "ADDR", description = "Directed broadcast address to use (instead of wol_broadcast or the computed one).")
    String broadcast;

    @Option(names = "--port", paramLabel = "N", description = "UDP port instead of 9 and 7. Repeatable.")
    List<Integer> ports = new ArrayList<>();

    @Option(names = "--password", paramLabel = "HEX", description = "SecureOn password, 4 or 6 bytes of hex (instead of wol_password).")
    String password;

    @Option(names = "--wait", description = "Wait until each host answers on its SSH port, and say how long it took.")
    boolean waitForSsh;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "300",
            description = "With --wait: give up after this long (seconds, or 30s, 5m; default 300).")
    String timeout;

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    private final Map<String, String> environment;
    private final SecretMask mask;
    private final WakeSender sender;

    WakeCommand(Map<String, String> environment, SecretMask mask) {
        this(environment, mask, new WakeSender());
    }

    WakeCommand(Map<String, String> environment, SecretMask mask, WakeSender sender) {
        this.environment = environment;
        this.mask = mask;
        this.sender = sender;
    }

    /** One thing to wake, and where its SSH server will answer once it is up (not for a bare MAC). */
    record Request(WakeTarget target, Optional<InetSocketAddress> ssh) {
    }

    @Override
    public Integer call() {
        List<Request> requests;
        Duration waitFor;
        try (Vault.Scope run = Vault.use(new Vault(inventoryOptions.vaultOptions.load(environment, false, "Vault password"), mask))) {
            waitFor = CheckCommand.duration("--timeout", timeout);
            requests = resolve();
        } catch (UserError e) {
            System.err.println("ERROR! " + e.describe());
            return BAD_INPUT;
        }
        List<Long> sentAt = new ArrayList<>();
        boolean failed = false;
        for (Request request : requests) {
            sentAt.add(System.nanoTime());
            failed |= !send(request.target());
        }
        if (waitForSsh && !waitAll(requests, sentAt, waitFor)) {
            failed = true;
        }
        return failed ? FAILED : 0;
    }

    /** Sends and prints what went; false when some datagram could not be sent. */
    private boolean send(WakeTarget target) {
        List<SentPacket> sent;
        String problem = null;
        try {
            sent = sender.send(target);
        } catch (WakeFailure e) {
            sent = e.sent();
            problem = e.getMessage();
        } catch (IOException e) {
            sent = List.of();
            problem = e.getMessage();
        }
        if (!sent.isEmpty()) {
            String where = sent.stream().map(p -> p.destination().getHostAddress() + ":" + p.port()).collect(Collectors.joining(", "));
            System.out.printf("%s: magic packet for %s sent to %s (%d bytes each)%n", target.name(), target.mac(), where, sent.get(0).bytes());
        }
        if (problem != null) {
            System.err.printf("%s: %s%n", target.name(), problem);
        }
        System.out.flush();
        return problem == null;
    }

    /** Waits for every host at once; prints each as it comes up. */
    private boolean waitAll(List<Request> requests, List<Long> sentAt, Duration waitFor) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, requests.size()));
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Request request = requests.get(i);
                long since = sentAt.get(i);
                results.add(pool.submit(() -> waitOne(request, since, waitFor)));
            }
            boolean all = true;
            for (Future<Boolean> result : results) {
                all &= result.get();
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean waitOne(Request request, long since, Duration waitFor) throws InterruptedException {
        String name = request.target().name();
        if (request.ssh().isEmpty()) {
            System.err.printf("%s: not an inventory host, so there is no address to wait for%n", name);
            return true;
        }
        InetSocketAddress ssh = request.ssh().get();
        Optional<Duration> took = SshBanner.waitFor(ssh, since, waitFor);
        if (took.isPresent()) {
            System.out.printf(Locale.ROOT, "%s is up after %.1f s%n", name, took.get().toMillis() / 1000.0);
            System.out.flush();
            return true;
        }
        System.err.printf("%s did not answer SSH on %s:%d within %d s%n", name, ssh.getHostString(), ssh.getPort(), waitFor.toSeconds());
        return false;
    }

    // ------------------------------------------------------------------ what to wake

    private List<Request> resolve() {
        Optional<InetAddress> broadcastOption = Optional.ofNullable(broadcast).map(b -> address("--broadcast", b));
        Optional<byte[]> passwordOption = Optional.ofNullable(password).map(p -> secureOn("--password", p));
        boolean onlyMacs = names.stream().allMatch(MacAddress::looksLike);
        Inventory inventory = null;
        InventoryVars vars = null;
        if (!(onlyMacs && inventoryOptions.noneGiven(environment))) {
            InventoryLoader.Loaded loaded = InventoryLoader.load(inventoryOptions.inventorySources(environment));
            inventory = loaded.inventory();
            vars = new InventoryVars(loaded);
        }
        Map<String, Object> extra = ExtraVars.parse(inventoryOptions.extraVars);
        LocalSubnets local = sender.localSubnets();
        List<Request> requests = new ArrayList<>();
        for (String name : names) {
            List<String> hosts = inventory == null ? List.of() : new HostPattern(name).select(inventory, new ArrayList<>());
            if (!hosts.isEmpty()) {
                for (String host : hosts) {
                    requests.add(forHost(host, vars.of(host, extra), broadcastOption, passwordOption, local));
                }
            } else if (MacAddress.looksLike(name)) {
                WakeTarget target = WakeTarget.forMac(MacAddress.parse(name), broadcastOption, passwordOption);
                requests.add(new Request(withPorts(target), Optional.empty()));
            } else {
                throw new UserError("'" + name + "' is neither a host or group of the inventory nor a MAC address",
                        SourceLocation.UNKNOWN, "name an inventory host or group (-i INVENTORY), or give a MAC as aa:bb:cc:dd:ee:ff");
            }
        }
        return requests;
    }

    private Request forHost(String host, Map<String, Object> hostVars, Optional<InetAddress> broadcastOption,
                            Optional<byte[]> passwordOption, LocalSubnets local) {
        Object mac = value(hostVars, "mac_address");
        if (mac == null) {
            throw new UserError("host " + host + " has no mac_address", SourceLocation.UNKNOWN,
                    "set mac_address: aa:bb:cc:dd:ee:ff in its host vars, or wake it by its MAC");
        }
        MacAddress address;
        try {
            address = MacAddress.parse(String.valueOf(mac));
        } catch (IllegalArgumentException e) {
            throw new UserError("host " + host + ": mac_address: " + e.getMessage(), SourceLocation.UNKNOWN, null);
        }
        Object hostName = value(hostVars, "ansible_host");
        InetAddress hostAddress = resolve(host, hostName == null ? host : String.valueOf(hostName));
        Optional<InetAddress> hostBroadcast = broadcastOption.or(() -> Optional.ofNullable(value(hostVars, "wol_broadcast"))
                .map(b -> address("host " + host + ": wol_broadcast", String.valueOf(b))));
        Optional<byte[]> hostPassword = passwordOption.or(() -> Optional.ofNullable(value(hostVars, "wol_password"))
                .map(p -> secureOn("host " + host + ": wol_password", String.valueOf(p))));
        WakeTarget target = WakeTarget.forHost(host, address, hostAddress, hostBroadcast, hostPassword, local);
        Object port = value(hostVars, "ansible_port");
        int sshPort = port == null ? 22 : Integer.parseInt(String.valueOf(port).strip());
        return new Request(withPorts(target), Optional.of(new InetSocketAddress(hostAddress, sshPort)));
    }

    private WakeTarget withPorts(WakeTarget target) {
        try {
            return ports.isEmpty() ? target : target.withPorts(ports);
        } catch (IllegalArgumentException e) {
            throw new UserError("--port: " + e.getMessage(), SourceLocation.UNKNOWN, null);
        }
    }

    /** A host var, templated (mac_address: "{{ macs[inventory_hostname] }}" works). */
    private static Object value(Map<String, Object> hostVars, String name) {
        Object raw = hostVars.get(name);
        return raw == null ? null : new Templar().render(raw, TemplateScope.of(hostVars));
    }

    private static InetAddress resolve(String host, String name) {
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw new UserError("host " + host + ": cannot resolve its address '" + name + "'", SourceLocation.UNKNOWN,
                    "set ansible_host to its IP address");
        }
    }

    private static InetAddress address(String what, String text) {
        try {
            return Subnet.literal(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(what + ": " + e.getMessage(), SourceLocation.UNKNOWN, "give an IPv4 address such as 192.168.1.255");
        }
    }

    private static byte[] secureOn(String what, String text) {
        try {
            return MagicPacket.parsePassword(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(what + ": " + e.getMessage(), SourceLocation.UNKNOWN, null);
        }
    }
}
