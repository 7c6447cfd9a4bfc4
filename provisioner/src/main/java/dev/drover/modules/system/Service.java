package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's service: hands its arguments to the host's service manager module, chosen by
 * {@code use}, else the {@code ansible_service_mgr} fact, else what the host runs. Only
 * systemd is implemented; like Ansible, the arguments systemd has no use for (pattern,
 * runlevel, sleep, arguments) are dropped with a warning.
 */
public final class Service implements SystemModule {

    private static final List<String> UNUSED_BY_SYSTEMD = List.of("pattern", "runlevel", "sleep", "arguments");

    private static final ArgSpec SPEC = spec(Systemd.SPEC);

    private static ArgSpec spec(ArgSpec systemd) {
        List<Arg> args = new ArrayList<>(systemd.args());
        args.add(Arg.of("sleep", ArgType.INT));
        args.add(Arg.str("pattern"));
        args.add(Arg.str("runlevel").defaultsTo("default"));
        args.add(Arg.str("arguments").aliases("args"));
        args.add(Arg.str("use").defaultsTo("auto"));
        return new ArgSpec(args, List.of(), List.of(), false);
    }

    private final Systemd systemd = new Systemd();

    @Override
    public String name() {
        return "service";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String manager = args.string("use");
        if (manager.equals("auto")) {
            manager = factOrDetect(context);
        }
        if (!manager.equals("systemd")) {
            throw new ModuleFailure("drover's service module supports only systemd, and this host uses " + manager);
        }
        Map<String, Object> given = Apt.givenArguments(args);
        given.remove("use");
        List<String> warnings = new ArrayList<>();
        for (String unused : UNUSED_BY_SYSTEMD) {
            if (given.remove(unused) != null) {
                warnings.add("Ignoring \"" + unused + "\" as it is not used in \"systemd\"");
            }
        }
        ModuleResult result = systemd.run(ModuleArgs.validate("systemd", Systemd.SPEC, given), context);
        return warnings.isEmpty() ? result : result.with("warnings", warnings);
    }

    private static String factOrDetect(ModuleContext context) throws IOException {
        if (context.templates() != null && context.templates().isDefined("ansible_service_mgr")) {
            Object fact = context.templates().evaluate("ansible_service_mgr");
            if (fact != null) {
                return String.valueOf(fact);
            }
        }
        HostRun probe = HostRun.sh(context.target(), "[ -d /run/systemd/system ] && echo systemd || echo unknown");
        return probe.stdout().strip();
    }
}
