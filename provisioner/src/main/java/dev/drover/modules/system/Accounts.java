package dev.drover.modules.system;

import dev.drover.transport.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's account databases as one command reads them: one user's passwd and shadow
 * entries, every group, and whether a home directory exists. Users and groups are then
 * looked up in Java the way Python's pwd and grp modules answer Ansible.
 */
record Accounts(Optional<Passwd> user, String shadowPassword, List<GroupEntry> groups, boolean homeExists) {

    record Passwd(String name, String password, long uid, long gid, String comment, String home, String shell) {
    }

    record GroupEntry(String name, long gid, List<String> members) {
    }

    /**
     * POSIX sh printing {@code P passwd-line}, {@code S shadow-password}, {@code G group-line}...
     * and {@code H} when the home (the given one, else the user's) exists.
     */
    static String query(String user, String home) {
        String u = ShellQuote.quote(user);
        String homeWord = home == null ? "\"$(getent passwd " + u + " | cut -d: -f6)\"" : ShellQuote.quote(home);
        return "getent passwd " + u + " | sed 's/^/P /'\n"
                + "getent shadow " + u + " 2>/dev/null | cut -d: -f2 | sed 's/^/S /'\n"
                + "getent group | sed 's/^/G /'\n"
                + "h=" + homeWord + "; [ -n \"$h\" ] && [ -e \"$h\" ] && echo H\n"
                + "exit 0\n";
    }

    static Accounts parse(String output) {
        Passwd user = null;
        String shadow = null;
        List<GroupEntry> groups = new ArrayList<>();
        boolean home = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("P ")) {
                String[] f = line.substring(2).split(":", -1);
                if (f.length >= 7) {
                    user = new Passwd(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], f[5], f[6]);
                }
            } else if (line.startsWith("S ")) {
                shadow = line.substring(2);
            } else if (line.startsWith("G ")) {
                String[] f = line.substring(2).split(":", -1);
                if (f.length >= 4) {
                    List<String> members = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
                    groups.add(new GroupEntry(f[0], Long.parseLong(f[2]), members));
                }
            } else if (line.equals("H")) {
                home = true;
            }
        }
        return new Accounts(Optional.ofNullable(user), shadow, List.copyOf(groups), home);
    }

    /** Python's grp lookup as Ansible does it: by name, or by number when the text is one. */
    Optional<GroupEntry> group(String nameOrGid) {
        for (GroupEntry g : groups) {
            if (g.name().equals(nameOrGid)) {
                return Optional.of(g);
            }
        }
        if (nameOrGid.matches("\\d+")) {
            long gid = Long.parseLong(nameOrGid);
            return groups.stream().filter(g -> g.gid() == gid).findFirst();
        }
        return Optional.empty();
    }

    /** The groups that list the user as a member (the primary group counts only when it lists them too). */
    List<String> membership(String user) {
        return groups.stream().filter(g -> g.members().contains(user)).map(GroupEntry::name).toList();
    }

    /** The user's password as Ansible reads it: the shadow entry when passwd says "x". */
    String password() {
        Passwd p = user.orElseThrow();
        return p.password().equals("x") && shadowPassword != null ? shadowPassword : p.password();
    }
}
