package dev.drover.modules.system;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's user on Linux: useradd, usermod and userdel with the flags Ansible's User class
 * passes. What is: {@link Accounts}, one command. What should change: {@link UserChange}
 * (pure). Result fields as Ansible's: name, state, uid, group, comment, home, shell, groups,
 * append, move_home, system, create_home, password masked.
 */
public final class User implements SystemModule {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("state").defaultsTo("present").choices("absent", "present"),
            Arg.str("name").mandatory().aliases("user"),
            Arg.of("uid", ArgType.INT),
            Arg.bool("non_unique", false),
            Arg.str("group"),
            Arg.of("groups", ArgType.LIST),
            Arg.str("comment"),
            Arg.path("home"),
            Arg.str("shell"),
            Arg.str("password"),
            Arg.str("login_class"),
            Arg.of("password_expire_max", ArgType.INT),
            Arg.of("password_expire_min", ArgType.INT),
            Arg.of("hidden", ArgType.BOOL),
            Arg.str("seuser"),
            Arg.bool("force", false),
            Arg.bool("remove", false),
            Arg.bool("create_home", true).aliases("createhome"),
            Arg.str("skeleton"),
            Arg.bool("system", false),
            Arg.bool("move_home", false),
            Arg.bool("append", false),
            Arg.of("generate_ssh_key", ArgType.BOOL),
            Arg.of("ssh_key_bits", ArgType.INT).defaultsTo(0L),
            Arg.str("ssh_key_type").defaultsTo("rsa"),
            Arg.path("ssh_key_file"),
            Arg.str("ssh_key_comment"),
            Arg.str("ssh_key_passphrase"),
            Arg.str("update_password").defaultsTo("always").choices("always", "on_create"),
            Arg.of("expires", ArgType.RAW),
            Arg.of("password_lock", ArgType.BOOL),
            Arg.of("local", ArgType.BOOL),
            Arg.str("profile"),
            Arg.str("authorization"),
            Arg.str("role"),
            Arg.str("umask"));

    @Override
    public String name() {
        return "user";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure {
        for (String unsupported : List.of("generate_ssh_key", "local", "password_lock", "expires", "seuser",
                "password_expire_max", "password_expire_min")) {
            if (args.has(unsupported) && !(args.get(unsupported) instanceof Boolean b && !b)) {
                throw new ModuleFailure("drover's user module does not support " + unsupported + " yet");
            }
        }
        String name = args.string("name");
        boolean check = context.checkMode();
        Accounts accounts = read(context, name, args.string("home"));
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("name", name);
        result.put("state", args.string("state"));
        HostRun ran = null;
        List<String> warnings = passwordWarnings(args.string("password"));
        if (args.string("state").equals("absent")) {
            if (accounts.user().isPresent()) {
                if (check) {
                    return ModuleResult.builder().changed(true).build();
                }
                List<String> cmd = new ArrayList<>(List.of("userdel"));
                if (args.bool("force")) {
                    cmd.add("-f");
                }
                if (args.bool("remove")) {
                    cmd.add("-r");
                }
                cmd.add(name);
                ran = execute(context, cmd, null, name);
                result.put("force", args.bool("force"));
                result.put("remove", args.bool("remove"));
            }
        } else {
            if (accounts.user().isEmpty()) {
                if (check) {
                    return ModuleResult.builder().changed(true).build();
                }
                List<String> cmd = UserChange.useradd(args, accounts);
                String home = args.string("home");
                String parents = home != null && args.bool("create_home") ? UserChange.parent(home) : null;
                String prefix = parents == null ? "" : "mkdir -p -- " + ShellQuote.quote(parents) + " && ";
                ran = execute(context, cmd, prefix, name);
                result.put("system", args.bool("system"));
                result.put("create_home", args.bool("create_home"));
            } else {
                List<String> cmd = UserChange.usermod(args, accounts);
                if (cmd != null) {
                    ran = check ? new HostRun(0, "", "") : execute(context, cmd, null, name);
                }
                result.put("append", args.bool("append"));
                result.put("move_home", args.bool("move_home"));
            }
            if (args.has("password")) {
                result.put("password", "NOT_LOGGING_PASSWORD");
            }
        }
        boolean changed = ran != null;
        if (ran != null && !ran.stdout().isEmpty()) {
            result.put("stdout", ran.stdout());
        }
        if (ran != null && !ran.stderr().isEmpty()) {
            result.put("stderr", ran.stderr());
        }
        if (args.string("state").equals("present")) {
            Accounts after = ran == null || check ? accounts : read(context, name, args.string("home"));
            Accounts.Passwd info = after.user().orElse(null);
            if (info == null) {
                throw new ModuleFailure("failed to look up user name: " + name);
            }
            result.put("uid", info.uid());
            result.put("group", info.gid());
            result.put("comment", info.comment());
            result.put("home", info.home());
            result.put("shell", info.shell());
            if (args.has("groups")) {
                result.put("groups", UserChange.joinedGroups(args));
            }
            if (!after.homeExists() && args.bool("create_home")) {
                if (!check) {
                    String home = args.has("home") ? args.string("home") : info.home();
                    execute(context, List.of("sh", "-c", "mkdir -p -- \"$1\" && { [ ! -d /etc/skel ] || cp -R /etc/skel/. \"$1\"; }"
                            + " && chown -R " + info.uid() + ":" + info.gid() + " -- \"$1\"", "sh", home), null, name);
                }
                changed = true;
            }
        }
        result.put("changed", changed);
        ModuleResult.Builder built = ModuleResult.builder().putAll(result);
        if (!warnings.isEmpty()) {
            built.put("warnings", warnings);
        }
        return built.build();
    }

    /** Ansible warns when the password does not look like a crypt(3) hash, since useradd takes it as one. */
    private static List<String> passwordWarnings(String password) {
        if (!UserChange.looksUnhashed(password)) {
            return List.of();
        }
        return List.of("The input password appears not to have been hashed. The 'password' argument must be encrypted for"
                + " this module to work properly.");
    }

    private static Accounts read(ModuleContext context, String name, String home) throws IOException {
        return Accounts.parse(HostRun.sh(context.target(), Accounts.query(name, home)).stdout());
    }

    private static HostRun execute(ModuleContext context, List<String> argv, String prefix, String name)
            throws IOException, ModuleFailure {
        HostRun ran = HostRun.sh(context.target(), (prefix == null ? "" : prefix) + ShellQuote.join(argv));
        if (!ran.ok()) {
            throw new ModuleFailure(ran.stderr()).with("name", name).with("rc", ran.rc());
        }
        return ran;
    }

    static Set<String> split(String groups) {
        Set<String> set = new LinkedHashSet<>();
        for (String g : groups.split(",")) {
            if (!g.isEmpty()) {
                set.add(g.strip());
            }
        }
        return set;
    }
}
