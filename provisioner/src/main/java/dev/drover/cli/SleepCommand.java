package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.exec.Connections;
import dev.drover.exec.InventoryVars;
import dev.drover.exec.RunOptions;
import dev.drover.inventory.HostPattern;
import dev.drover.inventory.InventoryLoader;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import dev.drover.transport.SshConnection;
import dev.drover.vault.SecretMask;
import dev.drover.vault.Vault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover sleep}: suspends, hibernates or powers off hosts over SSH with systemctl,
 * scheduled a second ahead by systemd so that the SSH session ends cleanly first.
 * Hosts in {@code controller_nodes} are refused unless --force.
 */
@Command(name = "sleep", mixinStandardHelpOptions = true,
        description = "Suspend, hibernate or power off hosts over SSH (systemctl).",
        footer = {"", "Hosts in group controller_nodes are refused unless --force: they run the cluster.",
                "Exit codes: 0 every host was told to sleep, 1 a host failed or was refused, 2 bad input, 4 a host was unreachable."})
final class SleepCommand implements Callable<Integer> {

    static final String CONTROLLERS = "controller_nodes";
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNREACHABLE = 4;

    enum Mode { SUSPEND, HIBERNATE, POWEROFF }

    @Parameters(paramLabel = "HOST", arity = "1..*", description = "Inventory hosts or groups (any host pattern).")
    List<String> names = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "suspend|hibernate|poweroff", defaultValue = "suspend",
            description = "What to do (default suspend): suspend to RAM, hibernate to disk, or power off.")
    String mode;

    @Option(names = "--force", description = "Also sleep hosts in controller_nodes.")
    boolean force;

    @Mixin
    ConnectionOptions connectionOptions = new ConnectionOptions();

    private final Map<String, String> environment;
    private final SecretMask mask;

    SleepCommand(Map<String, String> environment, SecretMask mask) {
        this.environment = environment;
        this.mask = mask;
    }

    @Override
    public Integer call() {
        try {
            SshConnection.warmUpInBackground();
            try (Vault.Scope run = Vault.use(new Vault(connectionOptions.inventory.vaultOptions.load(environment, false, "Vault password"), mask))) {
                return sleep(parseMode(mode));
            }
        } catch (UserError e) {
            System.err.println("ERROR! " + e.describe());
            return BAD_INPUT;
        }
    }

    static Mode parseMode(String text) {
        try {
            return Mode.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--mode " + text + ": expected suspend, hibernate or poweroff", SourceLocation.UNKNOWN, null);
        }
    }

    private int sleep(Mode how) {
        InventoryLoader.Loaded loaded = InventoryLoader.load(connectionOptions.inventorySources(environment));
        List<String> hosts = new ArrayList<>();
        for (String name : names) {
            List<String> matched = new HostPattern(name).select(loaded.inventory(), new ArrayList<>());
            if (matched.isEmpty()) {
                throw new UserError("'" + name + "' matches no host of the inventory", SourceLocation.UNKNOWN,
                        "name inventory hosts or groups (-i INVENTORY)");
            }
            matched.stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
        }
        int status = 0;
        List<String> allowed = new ArrayList<>();
        for (String host : hosts) {
            if (!force && loaded.inventory().groupsOf(host).contains(CONTROLLERS)) {
                System.err.printf("%s: refused: it is in %s, and a sleeping controller takes the cluster's scheduling "
                        + "and wake-ups down with it; add --force to sleep it anyway%n", host, CONTROLLERS);
                status = FAILED;
            } else {
                allowed.add(host);
            }
        }
        if (allowed.isEmpty()) {
            return status;
        }
        InventoryVars inventoryVars = new InventoryVars(loaded);
        Map<String, Object> extra = ExtraVars.parse(connectionOptions.inventory.extraVars);
        RunOptions options = new RunOptions(false, false, null, Set.of(), Set.of(), extra, 0, 0,
                connectionOptions.verifyHostKeys(environment),
                List.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")), environment,
                connectionOptions.connectionDefaults(environment));
        Map<String, Future<String>> running = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(allowed.size());
        try (Connections connections = new Connections(options)) {
            for (String host : allowed) {
                Map<String, Object> vars = CheckCommand.connectionVars(inventoryVars.of(host, extra), options);
                running.put(host, pool.submit(() -> sleepOne(CheckCommand.becomeIfAsked(connections.get(host, vars), vars), how)));
            }
            for (Map.Entry<String, Future<String>> entry : running.entrySet()) {
                try {
                    System.out.printf("%s: %s%n", entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    boolean unreachable = cause instanceof dev.drover.transport.UnreachableError || cause instanceof java.io.IOException;
                    System.err.printf("%s: %s%s%n", entry.getKey(), unreachable ? "UNREACHABLE: " : "", cause.getMessage());
                    status = Math.max(status, unreachable ? UNREACHABLE : FAILED);
                }
                System.out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            pool.shutdownNow();
        }
        return status;
    }

    /** One remote command: checks the host can do it, then has systemd do it a second later. */
    private static String sleepOne(Connection connection, Mode how) throws Exception {
        CommandResult result = connection.run(script(how), new byte[0]);
        String out = new String(result.stdout(), StandardCharsets.UTF_8).strip();
        if (result.exitCode() != 0) {
            String err = new String(result.stderr(), StandardCharsets.UTF_8).strip();
            throw new IllegalStateException(err.isEmpty() ? out.isEmpty() ? "failed (rc " + result.exitCode() + ")" : out : err);
        }
        return how.name().toLowerCase(java.util.Locale.ROOT) + " in 1 s (" + out + ")";
    }

    /**
     * The remote side. "systemctl suspend" run in the SSH session would freeze or kill the
     * session before its exit status came back; a transient systemd timer (systemd-run) runs
     * it outside the session a second later instead, with nohup as the fallback.
     */
    static String script(Mode how) {
        String verb = how.name().toLowerCase(java.util.Locale.ROOT);
        String state = switch (how) {
            case SUSPEND -> "mem|freeze";
            case HIBERNATE -> "disk";
            case POWEROFF -> "";
        };
        StringBuilder s = new StringBuilder();
        s.append("command -v systemctl >/dev/null 2>&1 || { echo 'systemctl not found: drover sleep needs systemd on the host' >&2; exit 3; }\n");
        if (!state.isEmpty()) {
            // A container shares the kernel: "suspending" it would suspend nothing (or fail later, unseen).
            s.append("if command -v systemd-detect-virt >/dev/null 2>&1 && systemd-detect-virt --quiet --container; then echo \"cannot ")
                    .append(verb).append(": the host is a container ($(systemd-detect-virt --container)); use --mode poweroff\" >&2; exit 4; fi\n");
            s.append("states=$(cat /sys/power/state 2>/dev/null)\n")
                    .append("echo \" $states \" | grep -Eq ' (").append(state).append(") ' || { echo \"cannot ").append(verb)
                    .append(": the kernel offers '$states' in /sys/power/state\" >&2; exit 4; }\n");
        }
        s.append("if command -v systemd-run >/dev/null 2>&1; then\n")
                .append("  systemd-run --quiet --collect --on-active=1 --timer-property=AccuracySec=100ms systemctl ").append(verb)
                .append(" && echo \"systemctl ").append(verb).append(", by a systemd timer\"\n")
                .append("else\n")
                .append("  nohup sh -c 'sleep 1; exec systemctl ").append(verb).append("' </dev/null >/dev/null 2>&1 &\n")
                .append("  echo \"systemctl ").append(verb).append(", by a detached shell\"\n")
                .append("fi\n");
        return s.toString();
    }
}
