package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's package: hands its arguments to the host's package manager module. The manager
 * is {@code use}, else the {@code ansible_pkg_mgr} fact when facts were gathered, else
 * what the host has (apt-get means apt). Only apt is implemented.
 */
public final class Package implements SystemModule {

    private static final ArgSpec SPEC = withUse();

    private static ArgSpec withUse() {
        List<Arg> args = new ArrayList<>(Apt.SPEC.args());
        args.add(Arg.str("use").defaultsTo("auto"));
        return new ArgSpec(args, List.of(), List.of(), false);
    }

    private final Apt apt = new Apt();

    @Override
    public String name() {
        return "package";
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
        if (!manager.equals("apt")) {
            throw new ModuleFailure("Could not find a module for " + manager + ".");
        }
        Map<String, Object> given = Apt.givenArguments(args);
        given.remove("use");
        return apt.run(ModuleArgs.validate("apt", Apt.SPEC, given), context);
    }

    private static String factOrDetect(ModuleContext context) throws IOException {
        if (context.templates() != null && context.templates().isDefined("ansible_pkg_mgr")) {
            Object fact = context.templates().evaluate("ansible_pkg_mgr");
            if (fact != null && !String.valueOf(fact).equals("unknown")) {
                return String.valueOf(fact);
            }
        }
        HostRun probe = HostRun.sh(context.target(), "command -v apt-get >/dev/null && echo apt || echo unknown");
        return probe.stdout().strip();
    }
}
