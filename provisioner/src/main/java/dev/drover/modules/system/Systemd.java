package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ansible's systemd (also called systemd_service): a unit's masked, enabled and active
 * state. What is: {@link UnitStatus}, one command. What to run: systemctl mask/unmask,
 * enable/disable, start/stop/restart/reload, each only when needed and never in check
 * mode. The {@code status} field is {@code systemctl show} from before any change, as in
 * Ansible.
 */
public final class Systemd implements SystemModule {

    static final ArgSpec SPEC = ArgSpec.of(
                    Arg.str("name").aliases("service", "unit"),
                    Arg.str("state").choices("reloaded", "restarted", "started", "stopped"),
                    Arg.of("enabled", ArgType.BOOL),
                    Arg.of("force", ArgType.BOOL),
                    Arg.of("masked", ArgType.BOOL),
                    Arg.bool("daemon_reload", false).aliases("daemon-reload"),
                    Arg.bool("daemon_reexec", false).aliases("daemon-reexec"),
                    Arg.str("scope").defaultsTo("system").choices("system", "user", "global"),
                    Arg.bool("no_block", false))
            .requiredOneOf("state", "enabled", "masked", "daemon_reload", "daemon_reexec");

    private final String name;

    public Systemd() {
        this("systemd");
    }

    private Systemd(String name) {
        this.name = name;
    }

    /** The same module under its newer name. */
    public static Systemd service() {
        return new Systemd("systemd_service");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String unit = args.string("name");
        for (String key : new String[] {"state", "enabled", "masked"}) {
            if (args.has(key) && unit == null) {
                throw new ModuleFailure("missing parameter(s) required by '" + key + "': name");
            }
        }
        if (unit != null) {
            for (String glob : new String[] {"*", "?", "["}) {
                if (unit.contains(glob)) {
                    throw new ModuleFailure("This module does not currently support using glob patterns, found '" + glob
                            + "' in service name: " + unit);
                }
            }
        }
        Target target = context.target();
        boolean check = context.checkMode();
        String systemctl = systemctl(args);
        if (args.bool("daemon_reload") && !check) {
            HostRun ran = HostRun.sh(target, systemctl + " daemon-reload");
            if (!ran.ok()) {
                throw new ModuleFailure("failure " + ran.rc() + " during daemon-reload: " + ran.stderr());
            }
        }
        if (args.bool("daemon_reexec") && !check) {
            HostRun ran = HostRun.sh(target, systemctl + " daemon-reexec");
            if (!ran.ok()) {
                throw new ModuleFailure("failure " + ran.rc() + " during daemon-reexec: " + ran.stderr());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", unit);
        result.put("changed", false);
        result.put("status", Map.of());
        if (unit == null) {
            return ModuleResult.builder().putAll(result).build();
        }
        UnitStatus unitStatus = read(target, systemctl, unit);
        if (unitStatus.showRc() != 0 && !unitStatus.found()) {
            throw new ModuleFailure("Error when querying " + unit + ": " + unitStatus.showError().strip())
                    .with("rc", unitStatus.showRc());
        }
        result.put("status", unitStatus.status());
        if (unitStatus.isSystemd() && !unitStatus.isMasked() && unitStatus.status().containsKey("LoadError")) {
            throw new ModuleFailure("Error loading unit file '" + unit + "': " + unitStatus.status().get("LoadError"));
        }
        boolean changed = false;
        if (args.has("masked")) {
            boolean masked = unitStatus.isEnabled().equals("masked");
            if (masked != args.bool("masked")) {
                changed = true;
                if (!check) {
                    HostRun ran = HostRun.sh(target, systemctl + (args.bool("masked") ? " mask " : " unmask ")
                            + ShellQuote.quote(unit));
                    if (!ran.ok()) {
                        missing(unitStatus, unit);
                    }
                    unitStatus = read(target, systemctl, unit).withStatus(unitStatus.status());
                }
            }
        }
        if (args.has("enabled")) {
            missing(unitStatus, unit);
            boolean enabled = unitStatus.enabled();
            result.put("enabled", enabled);
            if (enabled != args.bool("enabled")) {
                changed = true;
                String action = args.bool("enabled") ? "enable" : "disable";
                if (!check) {
                    HostRun ran = HostRun.sh(target, systemctl + " " + action + " " + ShellQuote.quote(unit));
                    if (!ran.ok()) {
                        throw new ModuleFailure("Unable to " + action + " service " + unit + ": " + ran.stdout() + ran.stderr());
                    }
                }
                result.put("enabled", !enabled);
            }
        }
        if (args.has("state")) {
            missing(unitStatus, unit);
            String state = args.string("state");
            result.put("state", state);
            if (!unitStatus.status().containsKey("ActiveState")) {
                throw new ModuleFailure("Service is in unknown state").with("status", unitStatus.status());
            }
            String action = null;
            switch (state) {
                case "started" -> action = unitStatus.running() ? null : "start";
                case "stopped" -> action = unitStatus.running() || unitStatus.deactivating() ? "stop" : null;
                default -> {
                    action = unitStatus.running() ? state.substring(0, state.length() - 2) : "start";
                    result.put("state", "started");
                }
            }
            if (action != null) {
                changed = true;
                if (!check) {
                    HostRun ran = HostRun.sh(target, systemctl + " " + action + " " + ShellQuote.quote(unit));
                    if (!ran.ok()) {
                        throw new ModuleFailure("Unable to " + action + " service " + unit + ": " + ran.stderr());
                    }
                }
            }
        }
        result.put("changed", changed);
        return ModuleResult.builder().putAll(result).build();
    }

    private static String systemctl(ModuleArgs args) {
        StringBuilder cmd = new StringBuilder("systemctl");
        if (!args.string("scope").equals("system")) {
            cmd.append(" --").append(args.string("scope"));
        }
        if (args.bool("no_block")) {
            cmd.append(" --no-block");
        }
        if (args.bool("force")) {
            cmd.append(" --force");
        }
        return cmd.toString();
    }

    private static UnitStatus read(Target target, String systemctl, String unit) throws IOException {
        return UnitStatus.parse(HostRun.sh(target, UnitStatus.query(systemctl, unit)).stdout());
    }

    private static void missing(UnitStatus status, String unit) throws ModuleFailure {
        if (!status.found()) {
            throw new ModuleFailure("Could not find the requested service " + unit + ": host");
        }
    }
}
