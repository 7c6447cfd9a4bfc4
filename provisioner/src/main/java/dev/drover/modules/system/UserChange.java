package dev.drover.modules.system;

import dev.drover.modules.ModuleArgs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The useradd and usermod command lines Ansible's User class builds on Debian, decided
 * from the task's arguments and the accounts the host has. Pure, so tested without a host.
 */
final class UserChange {

    private static final Pattern NOT_CRYPT = Pattern.compile("[^a-zA-Z0-9./=]");

    private UserChange() {
    }

    /** The groups argument as Ansible keeps it: the list joined with commas. */
    static String joinedGroups(ModuleArgs args) {
        return String.join(",", args.list("groups").stream().map(String::valueOf).toList());
    }

    /**
     * Ansible's get_groups_set: the named groups, each of which must exist; with {@code
     * dropPrimary}, the user's primary group is left out.
     */
    static Set<String> groupsSet(ModuleArgs args, Accounts accounts, boolean dropPrimary) throws ModuleFailure {
        Set<String> groups = new LinkedHashSet<>(User.split(joinedGroups(args)));
        for (String g : List.copyOf(groups)) {
            Accounts.GroupEntry entry = accounts.group(g).orElseThrow(() -> new ModuleFailure("Group " + g + " does not exist"));
            if (dropPrimary && accounts.user().isPresent() && entry.gid() == accounts.user().get().gid()) {
                groups.remove(g);
            }
        }
        return groups;
    }

    static List<String> useradd(ModuleArgs args, Accounts accounts) throws ModuleFailure {
        String name = args.string("name");
        List<String> cmd = new ArrayList<>(List.of("useradd"));
        if (args.has("uid")) {
            cmd.addAll(List.of("-u", String.valueOf(args.integer("uid"))));
            if (args.bool("non_unique")) {
                cmd.add("-o");
            }
        }
        if (args.has("group")) {
            if (accounts.group(args.string("group")).isEmpty()) {
                throw new ModuleFailure("Group " + args.string("group") + " does not exist");
            }
            cmd.addAll(List.of("-g", args.string("group")));
        } else if (accounts.group(name).isPresent()) {
            // A group named like the user exists already: do not let useradd try to create it.
            cmd.add("-N");
        }
        if (args.has("groups") && !args.list("groups").isEmpty()) {
            Set<String> groups = groupsSet(args, accounts, true);
            cmd.addAll(List.of("-G", String.join(",", groups)));
        }
        if (args.has("comment")) {
            cmd.addAll(List.of("-c", args.string("comment")));
        }
        if (args.has("home")) {
            cmd.addAll(List.of("-d", args.string("home")));
        }
        if (args.has("shell")) {
            cmd.addAll(List.of("-s", args.string("shell")));
        }
        if (args.has("password")) {
            cmd.addAll(List.of("-p", args.string("password")));
        }
        if (args.bool("create_home")) {
            cmd.add("-m");
            if (args.has("skeleton")) {
                cmd.addAll(List.of("-k", args.string("skeleton")));
            }
            if (args.has("umask")) {
                cmd.addAll(List.of("-K", "UMASK=" + args.string("umask")));
            }
        } else {
            cmd.add("-M");
        }
        if (args.bool("system")) {
            cmd.add("-r");
        }
        cmd.add(name);
        return cmd;
    }

    /** The usermod command for what differs, or null when the user is as asked. */
    static List<String> usermod(ModuleArgs args, Accounts accounts) throws ModuleFailure {
        String name = args.string("name");
        Accounts.Passwd info = accounts.user().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("usermod"));
        if (args.has("uid") && info.uid() != args.integer("uid")) {
            cmd.addAll(List.of("-u", String.valueOf(args.integer("uid"))));
            if (args.bool("non_unique")) {
                cmd.add("-o");
            }
        }
        if (args.has("group")) {
            Accounts.GroupEntry group = accounts.group(args.string("group"))
                    .orElseThrow(() -> new ModuleFailure("Group " + args.string("group") + " does not exist"));
            if (info.gid() != group.gid()) {
                cmd.addAll(List.of("-g", String.valueOf(group.gid())));
            }
        }
        if (args.has("groups")) {
            List<String> current = accounts.membership(name);
            String joined = joinedGroups(args);
            boolean modify = false;
            Set<String> groups = new LinkedHashSet<>();
            if (joined.isEmpty()) {
                modify = !current.isEmpty() && !args.bool("append");
            } else {
                groups = groupsSet(args, accounts, false);
                Set<String> difference = new LinkedHashSet<>(current);
                difference.removeAll(groups);
                Set<String> missing = new LinkedHashSet<>(groups);
                missing.removeAll(current);
                difference.addAll(missing);
                if (!difference.isEmpty()) {
                    if (args.bool("append")) {
                        if (!missing.isEmpty()) {
                            cmd.add("-a");
                            modify = true;
                        }
                    } else {
                        modify = true;
                    }
                }
            }
            if (modify) {
                cmd.addAll(List.of("-G", String.join(",", groups)));
            }
        }
        if (args.has("comment") && !info.comment().equals(args.string("comment"))) {
            cmd.addAll(List.of("-c", args.string("comment")));
        }
        if (args.has("home") && !info.home().equals(args.string("home"))) {
            cmd.addAll(List.of("-d", args.string("home")));
            if (args.bool("move_home")) {
                cmd.add("-m");
            }
        }
        if (args.has("shell") && !info.shell().equals(args.string("shell"))) {
            cmd.addAll(List.of("-s", args.string("shell")));
        }
        if (args.string("update_password").equals("always") && args.has("password")
                && !stripBang(accounts.password()).equals(stripBang(args.string("password")))) {
            cmd.addAll(List.of("-p", args.string("password")));
        }
        if (cmd.size() == 1) {
            return null;
        }
        cmd.add(name);
        return cmd;
    }

    private static String stripBang(String password) {
        int i = 0;
        while (i < password.length() && password.charAt(i) == '!') {
            i++;
        }
        return password.substring(i);
    }

    /** The directory above a home, which Ansible creates when missing. */
    static String parent(String home) {
        int slash = home.replaceAll("/+$", "").lastIndexOf('/');
        return slash <= 0 ? null : home.substring(0, slash);
    }

    /** Ansible's check_password_encrypted: whether the password may be plain text rather than a crypt(3) hash. */
    static boolean looksUnhashed(String password) {
        if (password == null || password.isEmpty() || Set.of("*", "!", "*************").contains(password)) {
            return false;
        }
        boolean invalid = password.chars().anyMatch(c -> c == ':' || c == '*' || c == '!');
        if (!password.contains("$")) {
            return true;
        }
        String[] fields = password.split("\\$", -1);
        if (fields.length < 3) {
            return true;
        }
        String last = fields[fields.length - 1];
        if (NOT_CRYPT.matcher(last).find()) {
            invalid = true;
        }
        invalid |= fields[1].equals("1") && last.length() != 22;
        invalid |= fields[1].equals("5") && last.length() != 43;
        invalid |= fields[1].equals("6") && last.length() != 86;
        return invalid;
    }
}
