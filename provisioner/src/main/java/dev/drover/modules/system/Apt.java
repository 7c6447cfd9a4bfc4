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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's apt. What is: dpkg's status of the named packages and the cache's age, in one
 * command ({@link DpkgState}); apt's candidates only when a package is missing or a version
 * or {@code latest} is asked ({@link AptPolicy}). What should be: {@link AptPlan}. What to
 * run: one apt-get install/remove, with {@code --simulate} in check mode, as Ansible runs it.
 */
public final class Apt implements SystemModule {

    static final ArgSpec SPEC = ArgSpec.of(
                    Arg.of("package", ArgType.LIST).aliases("pkg", "name"),
                    Arg.str("state").defaultsTo("present").choices("absent", "build-dep", "latest", "present", "fixed"),
                    Arg.of("update_cache", ArgType.BOOL).aliases("update-cache"),
                    Arg.of("update_cache_retries", ArgType.INT).defaultsTo(5L),
                    Arg.of("update_cache_retry_max_delay", ArgType.INT).defaultsTo(12L),
                    Arg.of("cache_valid_time", ArgType.INT).defaultsTo(0L),
                    Arg.bool("purge", false),
                    Arg.str("default_release").aliases("default-release"),
                    Arg.of("install_recommends", ArgType.BOOL).aliases("install-recommends"),
                    Arg.bool("force", false),
                    Arg.str("upgrade").defaultsTo("no").choices("dist", "full", "no", "safe", "yes"),
                    Arg.str("dpkg_options").defaultsTo("force-confdef,force-confold"),
                    Arg.path("deb"),
                    Arg.bool("autoremove", false),
                    Arg.bool("autoclean", false),
                    Arg.bool("fail_on_autoremove", false),
                    Arg.of("policy_rc_d", ArgType.INT),
                    Arg.bool("only_upgrade", false),
                    Arg.bool("force_apt_get", false),
                    Arg.bool("clean", false),
                    Arg.bool("allow_unauthenticated", false).aliases("allow-unauthenticated"),
                    Arg.bool("allow_downgrade", false).aliases("allow-downgrade", "allow_downgrades", "allow-downgrades"),
                    Arg.bool("allow_change_held_packages", false),
                    Arg.of("lock_timeout", ArgType.INT).defaultsTo(60L))
            .mutuallyExclusive("deb", "package", "upgrade")
            .requiredOneOf("autoremove", "deb", "package", "update_cache", "upgrade");

    /** Ansible's apt environment: no prompts, and output in a locale it can parse. */
    private static final String APT_ENV = "DEBIAN_FRONTEND=noninteractive DEBIAN_PRIORITY=critical; "
            + "export DEBIAN_FRONTEND DEBIAN_PRIORITY; ";

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        refuseUnsupported(args);
        Target target = context.target();
        boolean check = context.checkMode();
        List<String> names = new ArrayList<>();
        List<AptPackageSpec> specs = new ArrayList<>();
        for (Object item : args.list("package")) {
            String text = String.valueOf(item).strip();
            if (text.equals("*")) {
                throw new ModuleFailure("drover's apt does not support name='*' (upgrading all packages) yet");
            }
            AptPackageSpec spec = AptPackageSpec.parse(text);
            specs.add(spec);
            names.add(spec.name());
        }
        if (args.has("deb")) {
            if (!args.string("state").equals("present")) {
                throw new ModuleFailure("deb only supports state=present");
            }
        }
        DpkgState dpkg = readState(target, specs);

        boolean cacheUpdated = false;
        long cacheTime = dpkg.cacheTime();
        boolean wantsUpdate = args.bool("update_cache") || args.integer("cache_valid_time") > 0;
        if (wantsUpdate) {
            // Ansible compares the lists' mtime plus cache_valid_time with now; 0 means "always update".
            long validUntil = dpkg.cacheTime() + args.integer("cache_valid_time");
            if (validUntil < System.currentTimeMillis() / 1000) {
                if (!check) {
                    HostRun update = HostRun.sh(target, APT_ENV + "apt-get update -q");
                    if (!update.ok()) {
                        throw new ModuleFailure("Failed to update apt cache: "
                                + (update.stderr().isBlank() ? "unknown reason" : update.stderr().strip()));
                    }
                    dpkg = readState(target, specs);
                }
                cacheUpdated = check || dpkg.cacheTime() != cacheTime;
                cacheTime = dpkg.cacheTime();
            }
            if (specs.isEmpty() && !args.has("deb")) {
                return ModuleResult.builder().changed(cacheUpdated).put("cache_updated", cacheUpdated)
                        .put("cache_update_time", cacheTime).build();
            }
        }
        String dpkgOptions = dpkgOptions(args.string("dpkg_options"));
        if (args.has("deb")) {
            return installDeb(args, context, dpkgOptions);
        }
        if (specs.isEmpty() && args.bool("autoremove")) {
            return autoremove(args, context, dpkgOptions);
        }
        if (args.string("state").equals("absent")) {
            return remove(args, context, specs, dpkg, dpkgOptions);
        }
        boolean latest = args.string("state").equals("latest");
        AptPolicy policy = AptPlan.needsPolicy(specs, dpkg, latest) ? readPolicy(target, names) : null;
        List<String> install = AptPlan.install(specs, dpkg, policy, latest, args.bool("only_upgrade"));
        ModuleResult.Builder result = ModuleResult.builder();
        if (!install.isEmpty()) {
            String cmd = installCommand(args, dpkgOptions, install, check);
            HostRun ran = HostRun.sh(target, APT_ENV + cmd);
            if (!ran.ok()) {
                throw new ModuleFailure("'" + cmd + "' failed: " + ran.stderr()).with("stdout", ran.stdout())
                        .with("stderr", ran.stderr()).with("rc", ran.rc())
                        .with("cache_updated", cacheUpdated).with("cache_update_time", cacheTime);
            }
            result.changed(true).put("stdout", ran.stdout()).put("stderr", ran.stderr())
                    .put("diff", context.diffMode() ? AptOutput.prepared(ran.stdout()) : Map.of());
        }
        if (!check) {
            markManual(target, dpkg.automaticAmong(specs.stream().map(AptPackageSpec::name).toList()));
        }
        return result.put("cache_updated", cacheUpdated).put("cache_update_time", cacheTime).build();
    }

    private static void refuseUnsupported(ModuleArgs args) throws ModuleFailure {
        String state = args.string("state");
        if (state.equals("build-dep") || state.equals("fixed")) {
            throw new ModuleFailure("drover's apt does not support state=" + state + " yet");
        }
        if (!args.string("upgrade").equals("no")) {
            throw new ModuleFailure("drover's apt does not support upgrade=" + args.string("upgrade") + " yet");
        }
        for (String option : List.of("clean", "autoclean", "force")) {
            if (args.bool(option)) {
                throw new ModuleFailure("drover's apt does not support " + option + "=true yet");
            }
        }
        if (args.has("default_release") || args.has("policy_rc_d")) {
            throw new ModuleFailure("drover's apt does not support default_release or policy_rc_d yet");
        }
        if (args.has("deb") && args.string("deb").contains("://")) {
            throw new ModuleFailure("drover's apt does not download deb URLs yet; copy the file to the host first");
        }
    }

    private static DpkgState readState(Target target, List<AptPackageSpec> specs) throws IOException, ModuleFailure {
        List<String> names = specs.stream().map(AptPackageSpec::name).toList();
        HostRun ran = HostRun.sh(target, DpkgState.query(names));
        if (!ran.ok()) {
            throw new ModuleFailure("cannot read the package states: " + ran.stderr().strip()).with("rc", ran.rc());
        }
        return DpkgState.parse(ran.stdout());
    }

    private static AptPolicy readPolicy(Target target, List<String> names) throws IOException, ModuleFailure {
        HostRun ran = HostRun.sh(target, "apt-cache policy -- " + String.join(" ", names.stream().map(ShellQuote::quote).toList()));
        if (!ran.ok()) {
            throw new ModuleFailure("apt-cache policy failed: " + ran.stderr().strip()).with("rc", ran.rc());
        }
        return AptPolicy.parse(ran.stdout());
    }

    /** Ansible's expand_dpkg_options: "a,b" becomes -o "Dpkg::Options::=--a" -o "Dpkg::Options::=--b". */
    static String dpkgOptions(String compressed) {
        StringBuilder options = new StringBuilder();
        for (String option : compressed.split(",")) {
            options.append(" -o \"Dpkg::Options::=--").append(option).append('"');
        }
        return options.toString().strip();
    }

    /** The command line Ansible builds, spacing included, since it is quoted in failure messages. */
    static String installCommand(ModuleArgs args, String dpkgOptions, List<String> packages, boolean check) {
        String cmd = String.format("%s -y %s %s %s %s %s %s %s install %s", "/usr/bin/apt-get", dpkgOptions,
                args.bool("only_upgrade") ? "--only-upgrade" : "", "", "",
                args.bool("autoremove") ? "--auto-remove" : "",
                args.bool("fail_on_autoremove") ? "--no-remove" : "",
                check ? "--simulate" : "", String.join(" ", packages));
        if (args.has("install_recommends")) {
            cmd += args.bool("install_recommends") ? " -o APT::Install-Recommends=yes" : " -o APT::Install-Recommends=no";
        }
        if (args.bool("allow_unauthenticated")) {
            cmd += " --allow-unauthenticated";
        }
        if (args.bool("allow_downgrade")) {
            cmd += " --allow-downgrades";
        }
        if (args.bool("allow_change_held_packages")) {
            cmd += " --allow-change-held-packages";
        }
        return cmd;
    }

    private static ModuleResult remove(ModuleArgs args, ModuleContext context, List<AptPackageSpec> specs, DpkgState dpkg,
                                       String dpkgOptions) throws IOException, ModuleFailure {
        List<String> packages = AptPlan.remove(specs, dpkg, args.bool("purge"));
        if (packages.isEmpty()) {
            return ModuleResult.builder().changed(false).build();
        }
        String joined = String.join(" ", packages);
        String cmd = String.format("%s -q -y %s %s %s %s %s remove %s", "/usr/bin/apt-get", dpkgOptions,
                args.bool("purge") ? "--purge" : "", "", args.bool("autoremove") ? "--auto-remove" : "",
                context.checkMode() ? "--simulate" : "", joined);
        HostRun ran = HostRun.sh(context.target(), APT_ENV + cmd);
        if (!ran.ok()) {
            throw new ModuleFailure("'apt-get remove " + joined + "' failed: " + ran.stderr()).with("stdout", ran.stdout())
                    .with("stderr", ran.stderr()).with("rc", ran.rc());
        }
        return ModuleResult.builder().changed(true).put("stdout", ran.stdout()).put("stderr", ran.stderr())
                .put("diff", context.diffMode() ? AptOutput.prepared(ran.stdout()) : Map.of()).build();
    }

    private static ModuleResult autoremove(ModuleArgs args, ModuleContext context, String dpkgOptions)
            throws IOException, ModuleFailure {
        String cmd = String.format("%s -y %s %s %s %s %s", "/usr/bin/apt-get", dpkgOptions,
                args.bool("purge") ? "--purge" : "", "", "autoremove", context.checkMode() ? "--simulate" : "");
        HostRun ran = HostRun.sh(context.target(), APT_ENV + cmd);
        if (!ran.ok()) {
            throw new ModuleFailure("'apt-get autoremove' failed: " + ran.stderr()).with("stdout", ran.stdout())
                    .with("stderr", ran.stderr()).with("rc", ran.rc());
        }
        return ModuleResult.builder().changed(ran.stdout().contains("The following packages will be REMOVED"))
                .put("stdout", ran.stdout()).put("stderr", ran.stderr())
                .put("diff", context.diffMode() ? AptOutput.prepared(ran.stdout()) : Map.of()).build();
    }

    /**
     * A local .deb, as Ansible installs it: nothing when that exact version is installed;
     * else its direct dependencies that are missing go through apt-get first (and are
     * marked manual), then dpkg -i installs the file.
     */
    private static ModuleResult installDeb(ModuleArgs args, ModuleContext context, String dpkgOptions)
            throws IOException, ModuleFailure {
        String path = args.string("deb");
        String deb = ShellQuote.quote(path);
        String forApt = ShellQuote.quote(path.startsWith("/") ? path : "./" + path);
        HostRun fields = HostRun.sh(context.target(), "p=$(dpkg-deb -f " + deb + " Package) && v=$(dpkg-deb -f " + deb
                + " Version) || exit 1\nprintf 'P %s\\nV %s\\n' \"$p\" \"$v\"\n"
                + "dpkg-query -W -f='S ${Status}\\t${Version}\\n' -- \"$p\" 2>/dev/null\n"
                + "printf 'D %s\\n' \"$(dpkg-deb -f " + deb + " Depends Pre-Depends | tr '\\n' ' ')\"\n"
                + "apt-get -s -q install -- " + forApt + " 2>/dev/null | sed -n 's/^Inst \\([^ ]*\\) .*/I \\1/p'\nexit 0");
        if (!fields.ok()) {
            throw new ModuleFailure("Unable to install package: " + fields.stderr().strip());
        }
        DebFile file = DebFile.parse(fields.stdout());
        if (file.installedVersion() != null && DebianVersion.compare(file.installedVersion(), file.version()) == 0) {
            return ModuleResult.builder().changed(false).put("stdout", "").put("stderr", "").put("diff", "").build();
        }
        String stdout = "";
        String stderr = "";
        Map<String, Object> diff = Map.of();
        List<String> deps = file.missingDependencies();
        if (!deps.isEmpty()) {
            String cmd = installCommand(args, dpkgOptions, deps.stream().map(d -> "'" + d + "'").toList(), context.checkMode());
            HostRun ran = HostRun.sh(context.target(), APT_ENV + cmd);
            if (!ran.ok()) {
                throw new ModuleFailure("'" + cmd + "' failed: " + ran.stderr()).with("stdout", ran.stdout())
                        .with("stderr", ran.stderr()).with("rc", ran.rc());
            }
            stdout = ran.stdout();
            stderr = ran.stderr();
            diff = AptOutput.prepared(ran.stdout());
            if (!context.checkMode()) {
                markManual(context.target(), deps);
            }
        }
        StringBuilder options = new StringBuilder();
        for (String option : args.string("dpkg_options").split(",")) {
            options.append(options.length() == 0 ? "" : " ").append("--").append(option);
        }
        if (context.checkMode()) {
            options.append(" --simulate");
        }
        String cmd = "dpkg " + options + " -i " + path;
        HostRun ran = HostRun.sh(context.target(), APT_ENV + "dpkg " + options + " -i " + deb);
        if (!ran.ok()) {
            throw new ModuleFailure(cmd + " failed").with("stdout", stdout + ran.stdout()).with("stderr", stderr + ran.stderr());
        }
        Map<String, Object> finalDiff = new LinkedHashMap<>(deps.isEmpty() ? AptOutput.prepared(ran.stdout()) : diff);
        if (!deps.isEmpty() && finalDiff.containsKey("prepared")) {
            finalDiff.put("prepared", finalDiff.get("prepared") + "\n\n" + ran.stdout());
        }
        return ModuleResult.builder().changed(true).put("stdout", stdout + ran.stdout()).put("stderr", stderr + ran.stderr())
                .put("diff", finalDiff).build();
    }

    /** Like Ansible, packages the task names are marked as installed by hand, so autoremove keeps them. */
    private static void markManual(Target target, List<String> automatic) throws IOException, ModuleFailure {
        if (automatic.isEmpty()) {
            return;
        }
        String cmd = "/usr/bin/apt-mark manual " + String.join(" ", automatic);
        HostRun ran = HostRun.sh(target, "apt-mark manual -- " + String.join(" ", automatic.stream().map(ShellQuote::quote).toList()));
        if (!ran.ok()) {
            throw new ModuleFailure("'" + cmd + "' failed: " + ran.stderr()).with("stdout", ran.stdout())
                    .with("stderr", ran.stderr()).with("rc", ran.rc());
        }
    }

    /** The arguments the task gave (defaults left out), for a module that hands them on to apt. */
    static Map<String, Object> givenArguments(ModuleArgs args) {
        Map<String, Object> raw = new LinkedHashMap<>();
        args.asMap().forEach((k, v) -> {
            if (args.given(k)) {
                raw.put(k, v);
            }
        });
        return raw;
    }
}
