package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;

/**
 * ansible.posix.sysctl: a kernel parameter in a sysctl file (rewritten as Ansible rewrites
 * it, see {@link SysctlFile}), optionally set now ({@code sysctl_set}) and the file
 * reloaded ({@code reload}). What is: the live value and the file, one command.
 */
public final class Sysctl implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("name").mandatory().aliases("key"),
            Arg.str("value").aliases("val"),
            Arg.str("state").defaultsTo("present").choices("present", "absent"),
            Arg.bool("reload", true),
            Arg.bool("sysctl_set", false),
            Arg.bool("ignoreerrors", false),
            Arg.path("sysctl_file").defaultsTo("/etc/sysctl.conf"));

    private static final String SEPARATOR = "@@drover-sysctl-file@@";

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        boolean present = args.string("state").equals("present");
        if (present && !args.has("value")) {
            throw new ModuleFailure("state is present but all of the following are missing: value");
        }
        if (args.string("name").isEmpty()) {
            throw new ModuleFailure("name cannot be blank");
        }
        if (present && args.string("value").isEmpty()) {
            throw new ModuleFailure("value cannot be blank");
        }
        String name = args.string("name").strip();
        String value = SysctlFile.normalizeValue(args.string("value"));
        String file = args.string("sysctl_file");
        String qfile = ShellQuote.quote(file);
        HostRun read = HostRun.sh(context.target(), "command -v sysctl >/dev/null || PATH=$PATH:/sbin:/usr/sbin\n"
                + "v=$(sysctl -e -n " + ShellQuote.quote(name) + " 2>/dev/null) && printf 'V%s\\n' \"$v\" || echo N\n"
                + "echo '" + SEPARATOR + "'\n[ ! -f " + qfile + " ] || exec cat -- " + qfile);
        String out = read.stdout();
        int split = out.indexOf(SEPARATOR + "\n");
        if (split < 0) {
            throw new ModuleFailure("Failed to open " + file + ": " + read.stderr().strip());
        }
        String head = out.substring(0, split);
        String procValue = head.startsWith("V") ? head.substring(1).replaceAll("\n$", "") : null;
        SysctlFile sysctl = SysctlFile.parse(out.substring(split + SEPARATOR.length() + 1));

        String fileValue = sysctl.value(name);
        boolean changed = false;
        boolean writeFile = false;
        boolean setProc = false;
        if (fileValue == null && present) {
            changed = writeFile = true;
        } else if (fileValue == null) {
            changed = false;
        } else if (!fileValue.isEmpty() && !present) {
            changed = writeFile = true;
        } else if (!fileValue.equals(present ? value : "")) {
            changed = writeFile = true;
        } else if (args.bool("reload")) {
            changed = procValue == null || !SysctlFile.sameWords(procValue, value);
        }
        if (args.bool("sysctl_set") && present) {
            if (procValue == null) {
                changed = true;
            } else if (!SysctlFile.sameWords(procValue, value)) {
                changed = setProc = true;
            }
        }
        if (!context.checkMode()) {
            if (setProc) {
                HostRun set = HostRun.sh(context.target(), "sysctl " + (args.bool("ignoreerrors") ? "-e " : "")
                        + "-w " + ShellQuote.quote(name + "=" + value));
                if (!set.ok() || failedSetting(set.stderr())) {
                    throw new ModuleFailure("setting " + name + " failed: " + set.stdout() + set.stderr());
                }
            }
            if (writeFile) {
                HostFile.replace(context, file, sysctl.with(name, present ? value : null));
            }
            if (changed && args.bool("reload")) {
                HostRun reload = HostRun.sh(context.target(), "sysctl " + (args.bool("ignoreerrors") ? "-e " : "") + "-p " + qfile);
                if (!reload.ok() || failedSetting(reload.stderr())) {
                    throw new ModuleFailure("Failed to reload sysctl: " + reload.stdout() + reload.stderr());
                }
            }
        }
        return ModuleResult.builder().changed(changed).build();
    }

    private static boolean failedSetting(String stderr) {
        return java.util.regex.Pattern.compile("^sysctl: setting key \"[^\"]+\": (Invalid argument|Read-only file system)$",
                java.util.regex.Pattern.MULTILINE).matcher(stderr).find();
    }
}
