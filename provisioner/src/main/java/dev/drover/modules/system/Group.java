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
import java.util.Optional;

/** Ansible's group: a local group present (with a gid) or absent, through groupadd/groupmod/groupdel. */
public final class Group implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("state").defaultsTo("present").choices("absent", "present"),
            Arg.str("name").mandatory(),
            Arg.of("gid", ArgType.INT),
            Arg.bool("system", false),
            Arg.bool("local", false),
            Arg.bool("non_unique", false));

    @Override
    public String name() {
        return "group";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        if (args.bool("non_unique") && !args.has("gid")) {
            throw new ModuleFailure("non_unique is True but all of the following are missing: gid");
        }
        if (args.bool("local")) {
            throw new ModuleFailure("drover's group module does not support local=true (lgroupadd) yet");
        }
        String name = args.string("name");
        boolean check = context.checkMode();
        Optional<Accounts.GroupEntry> group = read(context, name);
        ModuleResult.Builder result = ModuleResult.builder().put("name", name).put("state", args.string("state"));
        HostRun ran = null;
        if (args.string("state").equals("absent")) {
            if (group.isPresent()) {
                if (check) {
                    return ModuleResult.builder().changed(true).build();
                }
                ran = run(context, List.of("groupdel", name), name);
            }
        } else if (group.isEmpty()) {
            if (check) {
                return ModuleResult.builder().changed(true).build();
            }
            List<String> cmd = new ArrayList<>(List.of("groupadd"));
            if (args.has("gid")) {
                cmd.addAll(List.of("-g", String.valueOf(args.integer("gid"))));
                if (args.bool("non_unique")) {
                    cmd.add("-o");
                }
            }
            if (args.bool("system")) {
                cmd.add("-r");
            }
            cmd.add(name);
            ran = run(context, cmd, name);
        } else if (args.has("gid") && group.get().gid() != args.integer("gid")) {
            List<String> cmd = new ArrayList<>(List.of("groupmod", "-g", String.valueOf(args.integer("gid"))));
            if (args.bool("non_unique")) {
                cmd.add("-o");
            }
            cmd.add(name);
            ran = check ? new HostRun(0, "", "") : run(context, cmd, name);
        }
        result.changed(ran != null);
        if (ran != null && !ran.stdout().isEmpty()) {
            result.put("stdout", ran.stdout());
        }
        if (ran != null && !ran.stderr().isEmpty()) {
            result.put("stderr", ran.stderr());
        }
        Optional<Accounts.GroupEntry> after = ran == null || check ? group : read(context, name);
        after.ifPresent(g -> result.put("system", args.bool("system")).put("gid", g.gid()));
        return result.build();
    }

    private static Optional<Accounts.GroupEntry> read(ModuleContext context, String name) throws IOException {
        HostRun ran = HostRun.sh(context.target(), "getent group | sed 's/^/G /'");
        return Accounts.parse(ran.stdout()).groups().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    private static HostRun run(ModuleContext context, List<String> argv, String name) throws IOException, ModuleFailure {
        HostRun ran = HostRun.argv(context.target(), argv);
        if (!ran.ok()) {
            throw new ModuleFailure(ran.stderr()).with("name", name);
        }
        return ran;
    }
}
