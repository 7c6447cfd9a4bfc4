package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ansible.posix.mount on Linux: the path's fstab entry ({@link Fstab}) and whether it is
 * mounted. What is: the fstab and {@code mountpoint}, one command. What to run: the
 * rewritten fstab, then mount, umount or a remount, as Ansible decides.
 */
public final class Mount implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.bool("boot", true),
            Arg.str("dump").defaultsTo("0"),
            Arg.str("fstab"),
            Arg.str("fstype"),
            Arg.path("path").mandatory().aliases("name"),
            Arg.str("opts"),
            Arg.str("passno").defaultsTo("0"),
            Arg.path("src"),
            Arg.bool("backup", false),
            Arg.str("state").mandatory().choices("absent", "absent_from_fstab", "mounted", "present", "unmounted",
                    "remounted", "ephemeral"));

    private static final String SEPARATOR = "@@drover-fstab@@";

    @Override
    public String name() {
        return "mount";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        String state = args.string("state");
        if (List.of("mounted", "present", "ephemeral").contains(state)) {
            List<String> missing = new ArrayList<>();
            for (String key : List.of("src", "fstype")) {
                if (!args.has(key)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                throw new ModuleFailure("state is " + state + " but all of the following are missing: " + String.join(", ", missing));
            }
        }
        if (state.equals("ephemeral") || args.bool("backup")) {
            throw new ModuleFailure("drover's mount module does not support state=ephemeral or backup=true yet");
        }
        String name = args.string("path");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", name);
        String opts = args.has("opts") ? args.string("opts") : "defaults";
        List<String> warnings = new ArrayList<>();
        List<String> optList = new ArrayList<>(List.of(opts.split(",", -1)));
        String boot = "yes";
        if (optList.contains("noauto")) {
            warnings.add("Ignore the 'boot' due to 'opts' contains 'noauto'.");
        } else if (!args.bool("boot")) {
            boot = "no";
            if (optList.contains("defaults")) {
                warnings.add("Ignore the 'boot' due to 'opts' contains 'defaults'.");
            } else {
                optList.add("noauto");
                opts = String.join(",", optList);
            }
        }
        String fstab = args.has("fstab") ? args.string("fstab") : "/etc/fstab";
        result.put("opts", opts);
        result.put("dump", args.string("dump"));
        result.put("passno", args.string("passno"));
        result.put("fstab", fstab);
        result.put("boot", boot);
        result.put("warnings", warnings);
        result.put("backup_file", "");
        if (args.has("src")) {
            result.put("src", args.string("src"));
        }
        if (args.has("fstype")) {
            result.put("fstype", args.string("fstype"));
        }

        boolean check = context.checkMode();
        String qf = ShellQuote.quote(fstab);
        String qn = ShellQuote.quote(name);
        // Like Ansible, a missing fstab is created (empty) even in check mode.
        HostRun read = HostRun.sh(context.target(), "[ -e " + qf + " ] || { mkdir -p -- \"$(dirname -- " + qf + ")\" && : >> " + qf
                + "; } || exit 3\n(mountpoint -q -- " + qn + ") 2>/dev/null && echo M || echo U\n"
                + "[ -e " + qn + " ] && echo E || echo N\necho '" + SEPARATOR + "'\nexec cat -- " + qf);
        if (read.rc() == 3) {
            throw new ModuleFailure("Failed to open " + fstab + " due to " + read.stderr().strip());
        }
        int split = read.stdout().indexOf(SEPARATOR + "\n");
        if (split < 0 || !read.ok()) {
            throw new ModuleFailure("Failed to open " + fstab + " due to " + read.stderr().strip());
        }
        String head = read.stdout().substring(0, split);
        boolean mounted = head.startsWith("M");
        boolean exists = head.contains("E");
        String text = read.stdout().substring(split + SEPARATOR.length() + 1);
        Fstab.Entry entry = new Fstab.Entry(args.has("src") ? args.string("src") : "", name,
                args.has("fstype") ? args.string("fstype") : "", opts, args.string("dump"), args.string("passno"));

        boolean changed = false;
        switch (state) {
            case "absent_from_fstab" -> changed = writeIfChanged(context, fstab, Fstab.unset(text, name, args.string("src")));
            case "absent" -> {
                changed = writeIfChanged(context, fstab, Fstab.unset(text, name, args.string("src")));
                if (changed && !check) {
                    if (mounted) {
                        HostRun umount = HostRun.argv(context.target(), List.of("umount", name));
                        if (!umount.ok()) {
                            throw new ModuleFailure("Error unmounting " + name + ": " + umount.stdout() + umount.stderr());
                        }
                    }
                    if (exists) {
                        HostRun rmdir = HostRun.argv(context.target(), List.of("rmdir", "--", name));
                        if (!rmdir.ok()) {
                            throw new ModuleFailure("Error rmdir " + name + ": " + rmdir.stderr().strip());
                        }
                    }
                }
            }
            case "unmounted" -> {
                if (mounted) {
                    if (!check) {
                        HostRun umount = HostRun.argv(context.target(), List.of("umount", name));
                        if (!umount.ok()) {
                            throw new ModuleFailure("Error unmounting " + name + ": " + umount.stdout() + umount.stderr());
                        }
                    }
                    changed = true;
                }
            }
            case "mounted" -> {
                if (!exists && !check) {
                    HostRun mkdir = HostRun.argv(context.target(), List.of("mkdir", "-p", "--", name));
                    if (!mkdir.ok()) {
                        throw new ModuleFailure("Error making dir " + name + ": " + mkdir.stderr().strip());
                    }
                }
                Fstab.Edit edit = Fstab.set(text, entry, args.has("src"));
                changed = writeIfChanged(context, fstab, edit);
                HostRun res = null;
                if (mounted) {
                    if (changed && !check) {
                        res = remount(context, args, name, fstab, opts);
                    }
                } else {
                    changed = true;
                    if (!check) {
                        res = mountCommand(context, name, fstab);
                    }
                }
                if (res != null && !res.ok()) {
                    if (edit.changed()) {
                        HostFile.replace(context, fstab, text);
                    }
                    if (!exists) {
                        HostRun.argv(context.target(), List.of("rmdir", "--", name));
                    }
                    throw new ModuleFailure("Error mounting " + name + ": " + res.stdout() + res.stderr());
                }
            }
            case "present" -> changed = writeIfChanged(context, fstab, Fstab.set(text, entry, args.has("src")));
            case "remounted" -> {
                if (!check) {
                    HostRun res = remount(context, args, name, fstab, opts);
                    if (!res.ok()) {
                        throw new ModuleFailure("Error remounting " + name + ": " + res.stdout() + res.stderr());
                    }
                }
                changed = true;
            }
            default -> throw new ModuleFailure("Unexpected position reached");
        }
        return ModuleResult.builder().changed(changed).putAll(result).build();
    }

    private static boolean writeIfChanged(ModuleContext context, String fstab, Fstab.Edit edit)
            throws IOException, ModuleFailure {
        if (edit.changed() && !context.checkMode()) {
            // Ansible rewrites the file in place (open 'w'), keeping its inode, mode and owner.
            HostRun ran = HostRun.sh(context.target(), "cat > " + ShellQuote.quote(fstab), edit.text());
            if (!ran.ok()) {
                throw new ModuleFailure("Failed to write " + fstab + ": " + ran.stderr().strip());
            }
        }
        return edit.changed();
    }

    private static List<String> fstabArgs(String fstab) {
        return fstab.equals("/etc/fstab") ? List.of() : List.of("-T", fstab);
    }

    private static HostRun mountCommand(ModuleContext context, String name, String fstab) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mount"));
        cmd.addAll(fstabArgs(fstab));
        cmd.add(name);
        return HostRun.argv(context.target(), cmd);
    }

    /** mount -o remount, falling back to umount and mount, as Ansible does. */
    private static HostRun remount(ModuleContext context, ModuleArgs args, String name, String fstab, String opts)
            throws IOException, ModuleFailure {
        boolean withOpts = args.string("state").equals("remounted") && !opts.equals("defaults");
        List<String> cmd = new ArrayList<>(List.of("mount", "-o", withOpts ? "remount," + opts : "remount"));
        cmd.addAll(fstabArgs(fstab));
        cmd.add(name);
        HostRun ran = HostRun.argv(context.target(), cmd);
        if (ran.ok()) {
            return ran;
        }
        if (withOpts) {
            throw new ModuleFailure("Options were specified with remounted, but the remount command failed. Failing in order"
                    + " to prevent an unexpected mount result. Try replacing this command with a \"state: unmounted\""
                    + " followed by a \"state: mounted\" using the full desired mount options instead.");
        }
        HostRun umount = HostRun.argv(context.target(), List.of("umount", name));
        return umount.ok() ? mountCommand(context, name, fstab) : umount;
    }
}
