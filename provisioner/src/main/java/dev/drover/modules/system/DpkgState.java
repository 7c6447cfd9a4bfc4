package dev.drover.modules.system;

import dev.drover.transport.ShellQuote;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What dpkg knows about some packages, read in one command: each package's status and
 * installed version (dpkg-query), which of them apt marked as automatically installed
 * (extended_states), and when the package lists were last updated (the mtime Ansible uses
 * for cache_valid_time).
 */
record DpkgState(long cacheTime, Map<String, Entry> packages, Set<String> automatic) {

    /** One package: dpkg's status word (installed, config-files, not-installed, half-installed...) and version. */
    record Entry(String name, String status, String version) {

        boolean installed() {
            return status.equals("installed");
        }

        /** Files of the package are still on disk, so a purge has something to do. */
        boolean hasFiles() {
            return !status.equals("not-installed");
        }
    }

    /** The POSIX sh script whose output {@link #parse} reads. */
    static String query(Collection<String> names) {
        StringBuilder sh = new StringBuilder();
        sh.append("{ stat -c 'T %Y' /var/lib/apt/periodic/update-success-stamp || stat -c 'T %Y' /var/lib/apt/lists"
                + " || echo 'T 0'; } 2>/dev/null\n");
        if (!names.isEmpty()) {
            List<String> quoted = names.stream().map(ShellQuote::quote).toList();
            sh.append("dpkg-query -W -f='P ${Package}\\t${Status}\\t${Version}\\n' -- ")
                    .append(String.join(" ", quoted)).append(" 2>/dev/null\n");
            sh.append("[ -r /var/lib/apt/extended_states ] && awk '/^Package:/{p=$2} /^Auto-Installed: 1/{print \"A \" p}'"
                    + " /var/lib/apt/extended_states\n");
        }
        sh.append("exit 0\n");
        return sh.toString();
    }

    static DpkgState parse(String output) {
        long time = 0;
        Map<String, Entry> packages = new LinkedHashMap<>();
        Set<String> automatic = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("T ")) {
                time = Long.parseLong(line.substring(2).strip());
            } else if (line.startsWith("P ")) {
                String[] f = line.substring(2).split("\t", -1);
                if (f.length < 3) {
                    continue;
                }
                String[] status = f[1].strip().split(" ");
                Entry entry = new Entry(f[0], status[status.length - 1], f[2]);
                // A multi-arch package may be listed once per architecture: the installed one wins.
                Entry known = packages.get(f[0]);
                if (known == null || !known.installed()) {
                    packages.put(f[0], entry);
                }
            } else if (line.startsWith("A ")) {
                automatic.add(line.substring(2).strip());
            }
        }
        return new DpkgState(time, packages, automatic);
    }

    Entry get(String name) {
        return packages.getOrDefault(name, new Entry(name, "not-installed", ""));
    }

    List<String> automaticAmong(Collection<String> names) {
        List<String> auto = new ArrayList<>();
        for (String name : names) {
            if (automatic.contains(name) && get(name).installed()) {
                auto.add(name);
            }
        }
        return auto;
    }
}
