package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.checks.CheckFile;
import dev.drover.checks.CheckResult;
import dev.drover.checks.CheckRunner;
import dev.drover.checks.Outcome;
import dev.drover.checks.HostReport;
import dev.drover.checks.ReportFormat;
import dev.drover.exec.Connections;
import dev.drover.exec.InventoryVars;
import dev.drover.exec.RunOptions;
import dev.drover.inventory.HostPattern;
import dev.drover.inventory.InventoryLoader;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import dev.drover.transport.Become;
import dev.drover.transport.Target;
import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import dev.drover.transport.SshConnection;
import dev.drover.transport.UnreachableError;
import dev.drover.vault.SecretMask;
import dev.drover.vault.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code drover check}: runs a Goss-style check file on every host over SSH, hosts in
 * parallel, one remote command per host. Exit codes: 0 all pass, 1 a check failed, 2 bad
 * input or usage, 4 a host was unreachable (with --format nagios: Nagios's 0/1/2/3).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run health checks (a Goss-compatible YAML file) on hosts over SSH.",
        footer = {"", "Exit codes: 0 all checks pass, 1 a check failed, 2 bad input or usage, 4 a host was unreachable.",
                "With --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
final class CheckCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int UNREACHABLE = 4;

    @Parameters(index = "0", paramLabel = "CHECKS.yml", description = "The check file.")
    Path checks;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Limit the run to hosts matching PATTERN.")
    String limit;

    @Option(names = {"-o", "--format"}, paramLabel = "FORMAT", defaultValue = "documentation",
            description = "documentation (default), json, junit, tap, nagios or prometheus.")
    String format;

    @Option(names = {"-r", "--retry-timeout"}, paramLabel = "DURATION",
            description = "Re-run the checks of failing hosts until they pass or this much time has gone (30s, 2m, or seconds).")
    String retryTimeout;

    @Option(names = {"-s", "--sleep"}, paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between retries (default 1s).")
    String sleep;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", description = "Hosts to check at once (default: all of them).")
    int forks;

    @Option(names = "--default-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Timeout of a check that sets none (default 10s).")
    String defaultTimeout;

    @Mixin
    ConnectionOptions connectionOptions = new ConnectionOptions();

    private final Map<String, String> environment;
    private final SecretMask mask;

    CheckCommand(Map<String, String> environment, SecretMask mask) {
        this.environment = environment;
        this.mask = mask;
    }

    @Override
    public Integer call() {
        ReportFormat output = ReportFormat.named(format).orElse(null);
        if (output == null) {
            System.err.println("ERROR! unknown --format '" + format + "': use documentation, json, junit, tap, nagios or prometheus");
            return BAD_INPUT;
        }
        try {
            SshConnection.warmUpInBackground();
            try (Vault.Scope run = Vault.use(new Vault(connectionOptions.inventory.vaultOptions.load(environment, false, "Vault password"), mask))) {
                return check(output);
            }
        } catch (UserError e) {
            System.err.println("ERROR! " + e.describe());
            return output == ReportFormat.NAGIOS ? 3 : BAD_INPUT;
        }
    }

    private int check(ReportFormat output) {
        Duration retryFor = retryTimeout == null ? Duration.ZERO : duration("--retry-timeout", retryTimeout);
        Duration pause = duration("--sleep", sleep);
        CheckRunner runner = new CheckRunner(duration("--default-timeout", defaultTimeout));
        InventoryLoader.Loaded loaded = InventoryLoader.load(connectionOptions.inventorySources(environment));
        List<String> hosts = new HostPattern(limit == null || limit.isBlank() ? "all" : limit).select(loaded.inventory());
        if (hosts.isEmpty()) {
            throw new UserError(limit == null ? "the inventory has no hosts" : "--limit " + limit + " matches no hosts",
                    SourceLocation.UNKNOWN, "check the pattern against the inventory's host and group names");
        }
        InventoryVars inventoryVars = new InventoryVars(loaded);
        Map<String, Object> extra = ExtraVars.parse(connectionOptions.inventory.extraVars);
        // Templating per host comes first, so a malformed file stops everything before any host is reached.
        Map<String, Map<String, Object>> varsOf = new LinkedHashMap<>();
        Map<String, CheckFile> fileOf = new LinkedHashMap<>();
        for (String host : hosts) {
            Map<String, Object> vars = inventoryVars.of(host, extra);
            varsOf.put(host, vars);
            fileOf.put(host, CheckFile.load(checks, vars));
        }
        RunOptions options = new RunOptions(false, false, limit, Set.of(), Set.of(), extra, forks, 0,
                connectionOptions.verifyHostKeys(environment),
                List.of(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")), environment,
                connectionOptions.connectionDefaults(environment));
        List<HostReport> reports = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        int threads = forks > 0 ? Math.min(forks, hosts.size()) : hosts.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Connections connections = new Connections(options)) {
            List<Future<HostReport>> running = new ArrayList<>();
            for (String host : hosts) {
                running.add(pool.submit(() -> checkHost(host, varsOf.get(host), fileOf.get(host), connections, runner,
                        retryFor, pause, options)));
            }
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    reports.add(running.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UserError user) {
                        throw user;
                    }
                    unreachable.add(hosts.get(i));
                    System.err.println("UNREACHABLE! " + hosts.get(i) + ": " + cause.getMessage());
                    reports.add(unreachableReport(hosts.get(i), cause.getMessage()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return FAILED;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.print(output.render(reports));
        System.out.flush();
        if (output == ReportFormat.NAGIOS) {
            return unreachable.isEmpty() ? ReportFormat.nagiosStatus(reports) : 2;
        }
        if (!unreachable.isEmpty()) {
            return UNREACHABLE;
        }
        return reports.stream().allMatch(HostReport::healthy) ? 0 : FAILED;
    }

    /** A host that could not be checked, as one failed "reachable" result, so every format shows it. */
    private static HostReport unreachableReport(String host, String why) {
        return new HostReport(host, java.time.Instant.now(), Duration.ZERO, List.of(new CheckResult("host", host, "",
                "reachable", Outcome.FAIL, "true", "false", "unreachable: " + why, Duration.ZERO, SourceLocation.UNKNOWN)));
    }

    /** One host: connect, run, and with --retry-timeout run again until healthy or out of time. */
    private HostReport checkHost(String host, Map<String, Object> vars, CheckFile file, Connections connections,
                                 CheckRunner runner, Duration retryFor, Duration pause, RunOptions options) throws Exception {
        long started = System.nanoTime();
        long deadline = started + retryFor.toNanos();
        Map<String, Object> connectionVars = connectionVars(vars, options);
        Connection connection = becomeIfAsked(connections.get(host, connectionVars), connectionVars);
        while (true) {
            HostReport report;
            try {
                report = runner.run(file, connection);
            } catch (UncheckedIOException e) {
                throw new UnreachableError(e.getMessage(), e.getCause());
            }
            if (report.healthy() || System.nanoTime() + pause.toNanos() > deadline) {
                return report;
            }
            // As goss validate does: say on stderr that the host is being waited for, so a long wait is not a mystery.
            System.err.printf("%s: %d failing, retrying in %ss (elapsed %ds of %ds)%n", host, report.count(Outcome.FAIL),
                    pause.toMillis() / 1000.0, Duration.ofNanos(System.nanoTime() - started).toSeconds(), retryFor.toSeconds());
            Thread.sleep(pause.toMillis());
        }
    }

    /** The connection variables of a host, templated, over the command line's defaults. */
    static Map<String, Object> connectionVars(Map<String, Object> vars, RunOptions options) {
        Map<String, Object> connection = new LinkedHashMap<>(options.connectionDefaults());
        Templar templar = new Templar();
        for (Map.Entry<String, Object> entry : vars.entrySet()) {
            if (entry.getKey().startsWith("ansible_")) {
                connection.put(entry.getKey(), templar.render(entry.getValue(), TemplateScope.of(vars)));
            }
        }
        return connection;
    }

    static Connection becomeIfAsked(Connection connection, Map<String, Object> vars) {
        Object become = vars.get("ansible_become");
        if (!(Boolean.TRUE.equals(become) || "true".equalsIgnoreCase(String.valueOf(become)))) {
            return connection;
        }
        Object user = vars.get("ansible_become_user");
        Object password = Become.PASSWORD_VARIABLES.stream().map(vars::get).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        Target asUser = new Target(connection, Become.sudo(user == null ? null : String.valueOf(user),
                java.util.Optional.ofNullable(password).map(String::valueOf)), Map.of());
        return new Connection() {
            @Override
            public String hostName() {
                return connection.hostName();
            }

            @Override
            public CommandResult run(String command, byte[] stdin) throws IOException {
                return asUser.run(command, stdin);
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** 30s, 2m, 500ms, or a plain number of seconds, as goss validate takes them. */
    static Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?").matcher(text.strip());
        if (!m.matches()) {
            throw new UserError(option + " " + text + ": expected a duration such as 30s, 2m, 500ms or 10",
                    SourceLocation.UNKNOWN, null);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long millis = (long) (amount * switch (unit) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 1000;
        });
        return Duration.ofMillis(millis);
    }
}
