package dev.drover.agent.config;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quartz.CronExpression;

/**
 * Reads the agent's YAML config. Every setting has a default, so no file at all is a valid
 * config; a file with any mistake is refused whole (file:line and what to write instead), so
 * the agent never starts half-configured. Relative paths are relative to the config file.
 */
public final class ConfigLoader {

    private static final Set<String> TOP = Set.of("bind", "port", "data_dir", "checks", "vars", "healthz",
            "history", "auth", "rate_limit", "tls", "consul", "docker", "power", "nomad", "workflows");

    private ConfigLoader() {
    }

    public static AgentConfig defaults() {
        return read(new Section("", YamlMap.of(Map.of(), SourceLocation.UNKNOWN)), Path.of("."), System.getenv());
    }

    public static AgentConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** As {@link #load(Path)}, with {@code environment} for the NOMAD_* defaults of the nomad: section. */
    public static AgentConfig load(Path file, Map<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("config file not found", SourceLocation.of(file),
                    "give an existing file with --config, or leave --config out to run with the defaults");
        }
        Object document = AnsibleYaml.load(file);
        Section root = Section.of("", document, SourceLocation.of(file));
        Path base = file.toAbsolutePath().getParent();
        return read(root, base, environment);
    }

    private static AgentConfig read(Section root, Path base, Map<String, String> environment) {
        root.allowOnly(TOP);
        String bind = root.string("bind", "0.0.0.0");
        int port = root.integer("port", AgentConfig.DEFAULT_PORT, 0, 65535);
        Path dataDir = root.optionalString("data_dir").map(p -> base.resolve(p).normalize()).orElseGet(ConfigLoader::defaultDataDir);
        List<CheckFileConfig> checks = new ArrayList<>();
        for (Section entry : root.sections("checks")) {
            checks.add(checkFile(entry, base));
        }
        Map<String, Object> vars = vars(root);

        Section healthz = root.section("healthz");
        healthz.allowOnly(Set.of("cache_seconds"));
        Duration cache = Duration.ofSeconds(healthz.integer("cache_seconds", 5, 0, 3600));

        Section history = root.section("history");
        history.allowOnly(Set.of("max_runs_per_file", "max_days"));
        AgentConfig.History retention = new AgentConfig.History(
                history.integer("max_runs_per_file", 1000, 1, 10_000_000),
                Duration.ofDays(history.integer("max_days", 7, 1, 3650)));

        Optional<PowerConfig> power = PowerConfigReader.read(root, base, ConfigLoader::hostName);
        Optional<AgentConfig.Nomad> nomad = NomadConfigReader.read(root, base, environment, hostName());
        if (power.isPresent() && power.get().wakeOnDemand().enabled() && nomad.isEmpty()) {
            throw new UserError("'power.wake_on_demand' is enabled, but there is no nomad: section to watch",
                    root.section("power").section("wake_on_demand").location(), "add nomad: with Nomad's address");
        }
        if (power.isPresent() && !power.get().services().isEmpty() && nomad.isEmpty()) {
            throw new UserError("'power.services' needs a nomad: section to stop and start the jobs",
                    root.section("power").at("services"), "add nomad: with Nomad's address");
        }
        return new AgentConfig(bind, port, dataDir, checks, vars, cache, retention, auth(root.section("auth")),
                rateLimit(root.section("rate_limit")), tls(root, base), consul(root), docker(root.section("docker")),
                power, nomad, workflows(root.section("workflows"), base));
    }

    private static AgentConfig.Workflows workflows(Section workflows, Path base) {
        workflows.allowOnly(Set.of("dir", "keep_runs", "parallelism", "breakers"));
        Path dir = base.resolve(workflows.string("dir", "workflows")).normalize();
        return new AgentConfig.Workflows(dir, workflows.integer("keep_runs", 1000, 1, 10_000_000),
                workflows.integer("parallelism", 8, 1, 256), breakers(workflows.section("breakers")));
    }

    private static AgentConfig.Breakers breakers(Section breakers) {
        breakers.allowOnly(Set.of("failures", "cool_down", "endpoints"));
        AgentConfig.Breaker all = breaker(breakers, new AgentConfig.Breaker(5, Duration.ofSeconds(30)));
        Map<String, AgentConfig.Breaker> endpoints = new LinkedHashMap<>();
        Section overrides = breakers.section("endpoints");
        for (String key : overrides.keys()) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(key);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || !Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
                throw new UserError("'" + overrides.qualified(key) + "' is not an endpoint's address", overrides.at(key),
                        "write the server's URL, such as http://gpu1:8080 (the path does not matter: a breaker is per server)");
            }
            String name = dev.drover.agent.workflow.llm.CircuitBreakers.endpointOf(uri);
            if (endpoints.containsKey(name)) {
                throw new UserError("'" + overrides.qualified(key) + "' names the server " + name + " a second time",
                        overrides.at(key), "keep one entry per scheme, host and port");
            }
            Section one = overrides.section(key);
            one.allowOnly(Set.of("failures", "cool_down"));
            endpoints.put(name, breaker(one, all));
        }
        return new AgentConfig.Breakers(all.failures(), all.coolDown(), endpoints);
    }

    /** failures and cool_down of one breakers: mapping, each defaulting to {@code fallback}'s. */
    private static AgentConfig.Breaker breaker(Section section, AgentConfig.Breaker fallback) {
        int failures = section.integer("failures", fallback.failures(), 1, 1000);
        Duration coolDown = section.duration("cool_down", fallback.coolDown());
        if (coolDown.isZero()) {
            throw new UserError("'" + section.qualified("cool_down") + "' must be more than 0", section.at("cool_down"),
                    "give the endpoint time to recover, such as 30s");
        }
        return new AgentConfig.Breaker(failures, coolDown);
    }

    private static CheckFileConfig checkFile(Section entry, Path base) {
        entry.allowOnly(Set.of("path", "interval", "cron", "timeout"));
        if (!entry.has("path")) {
            throw new UserError("'" + entry.qualified("path") + "' is missing: name the check file to run", entry.location());
        }
        Path path = base.resolve(entry.string("path", null)).normalize();
        if (entry.has("interval") && entry.has("cron")) {
            throw new UserError("'" + entry.qualified("cron") + "' and 'interval' both given; keep one", entry.at("cron"));
        }
        Schedule schedule;
        if (entry.has("cron")) {
            schedule = Schedule.cron(quartzCron(entry.string("cron", null), entry));
        } else {
            Duration interval = entry.duration("interval", Duration.ofSeconds(30));
            if (interval.toMillis() < 1000) {
                throw new UserError("'" + entry.qualified("interval") + "' must be at least 1s", entry.at("interval"));
            }
            schedule = Schedule.every(interval);
        }
        Duration timeout = entry.duration("timeout", Duration.ofSeconds(10));
        if (timeout.isZero()) {
            throw new UserError("'" + entry.qualified("timeout") + "' must be more than 0", entry.at("timeout"));
        }
        return new CheckFileConfig(path, schedule, timeout, entry.location());
    }

    /**
     * Accepts both the classic five-field cron ("*&#47;5 * * * *") and Quartz's own form with
     * seconds; five fields are turned into Quartz's by adding the seconds and the '?' it wants
     * in one of the two day fields.
     */
    static String quartzCron(String text, Section entry) {
        return quartzCron(text, entry, "cron");
    }

    public static String quartzCron(String text, Section entry, String key) {
        String[] fields = text.trim().split("\\s+");
        String expression = text.trim();
        if (fields.length == 5) {
            String dom = fields[2];
            String dow = fields[4];
            if (dow.equals("*")) {
                dow = "?";
            } else if (dom.equals("*")) {
                dom = "?";
            } else {
                throw new UserError("'" + entry.qualified(key) + "': cannot restrict both day of month and day of week",
                        entry.at(key), "use '*' in one of them");
            }
            expression = "0 " + fields[0] + " " + fields[1] + " " + dom + " " + fields[3] + " " + dow;
        }
        if (!CronExpression.isValidExpression(expression)) {
            String why;
            try {
                CronExpression.validateExpression(expression);
                why = "invalid";
            } catch (java.text.ParseException e) {
                why = e.getMessage();
            }
            throw new UserError("'" + entry.qualified(key) + "' is not a valid cron expression: '" + text + "' (" + why + ")",
                    entry.at(key), "write five fields (minute hour day-of-month month day-of-week) or Quartz's six or seven");
        }
        return expression;
    }

    private static Map<String, Object> vars(Section root) {
        Object value = root.raw("vars");
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new UserError("'vars' must be a mapping of names to values", root.at("vars"));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return vars;
    }

    private static AgentConfig.Auth auth(Section auth) {
        auth.allowOnly(Set.of("read_open", "tokens", "allowed_origins"));
        List<ApiToken> tokens = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Section entry : auth.sections("tokens")) {
            entry.allowOnly(Set.of("name", "sha256", "role"));
            String name = entry.string("name", null);
            if (name == null || name.isBlank()) {
                throw new UserError("'" + entry.qualified("name") + "' is missing: every token needs a name for the audit log", entry.location());
            }
            if (!names.add(name)) {
                throw new UserError("token name '" + name + "' is used twice", entry.at("name"));
            }
            String hex = entry.string("sha256", "").trim().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new UserError("'" + entry.qualified("sha256") + "' must be the 64 hex digits of the token's SHA-256",
                        entry.has("sha256") ? entry.at("sha256") : entry.location(),
                        "make it with: echo -n TOKEN | bin/drover-agent hash-token");
            }
            String roleName = entry.string("role", "viewer");
            Role role = Role.named(roleName).orElseThrow(() -> new UserError(
                    "'" + entry.qualified("role") + "' must be viewer, operator or admin, not '" + roleName + "'", entry.at("role")));
            tokens.add(new ApiToken(name, HexFormat.of().parseHex(hex), role));
        }
        return new AgentConfig.Auth(auth.bool("read_open", true), tokens, auth.strings("allowed_origins"));
    }

    private static AgentConfig.RateLimit rateLimit(Section limit) {
        limit.allowOnly(Set.of("requests_per_second", "burst"));
        double rate = limit.number("requests_per_second", 50);
        int burst = limit.integer("burst", (int) Math.max(1, Math.ceil(rate * 2)), 1, 1_000_000);
        return new AgentConfig.RateLimit(rate, burst);
    }

    private static Optional<AgentConfig.Tls> tls(Section root, Path base) {
        if (!root.has("tls")) {
            return Optional.empty();
        }
        Section tls = root.section("tls");
        tls.allowOnly(Set.of("cert", "key"));
        Path cert = pemFile(tls, "cert", base);
        Path key = pemFile(tls, "key", base);
        return Optional.of(new AgentConfig.Tls(cert, key));
    }

    private static Path pemFile(Section tls, String key, Path base) {
        if (!tls.has(key)) {
            throw new UserError("'" + tls.qualified(key) + "' is missing: TLS needs a certificate and a private key (PEM files)", tls.location());
        }
        Path path = base.resolve(tls.string(key, null)).normalize();
        if (!Files.isReadable(path)) {
            throw new UserError("'" + tls.qualified(key) + "': cannot read " + path, tls.at(key));
        }
        return path;
    }

    private static Optional<AgentConfig.Consul> consul(Section root) {
        if (!root.has("consul")) {
            return Optional.empty();
        }
        Section consul = root.section("consul");
        consul.allowOnly(Set.of("address", "service", "tags", "check_interval", "service_address"));
        if (!consul.has("address")) {
            return Optional.empty();
        }
        String address = consul.string("address", null);
        if (!address.contains("://")) {
            address = "http://" + address;
        }
        try {
            java.net.URI uri = java.net.URI.create(address);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("'consul.address' is not an address such as http://127.0.0.1:8500: '" + address + "'", consul.at("address"));
        }
        return Optional.of(new AgentConfig.Consul(address, consul.string("service", "drover-agent"), consul.strings("tags"),
                consul.duration("check_interval", Duration.ofSeconds(10)), consul.optionalString("service_address")));
    }

    /** Where Docker answers; none when {@code docker.enabled} is false (a node that runs no containers). */
    private static Optional<String> docker(Section docker) {
        docker.allowOnly(Set.of("host", "enabled"));
        String host = docker.string("host", "unix:///var/run/docker.sock");
        return docker.bool("enabled", true) ? Optional.of(host) : Optional.empty();
    }

    /** This node's name as the kernel knows it (power.self's default). */
    static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux: ask the resolver.
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /** Root keeps state where packages keep it; anyone else in their own state directory. */
    private static Path defaultDataDir() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/lib/drover-agent");
        }
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state == null || state.isBlank() ? Path.of(System.getProperty("user.home"), ".local", "state") : Path.of(state);
        return base.resolve("drover-agent");
    }
}
