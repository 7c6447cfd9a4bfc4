package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A .deb file on the host as the apt module's deb argument needs it: its package name and
 * version, the version installed now, and which of its direct dependencies apt would have
 * to install ({@code apt-get -s install FILE} lists them as "Inst" lines).
 */
record DebFile(String name, String version, String installedVersion, List<String> missingDependencies) {

    static DebFile parse(String output) {
        String name = null;
        String version = null;
        String installed = null;
        Set<String> direct = new LinkedHashSet<>();
        List<String> toInstall = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("P ")) {
                name = line.substring(2).strip();
            } else if (line.startsWith("V ")) {
                version = line.substring(2).strip();
            } else if (line.startsWith("S ")) {
                String[] f = line.substring(2).split("\t", -1);
                if (f[0].endsWith(" installed") && f.length > 1) {
                    installed = f[1].strip();
                }
            } else if (line.startsWith("D ")) {
                direct.addAll(dependencyNames(line.substring(2)));
            } else if (line.startsWith("I ")) {
                toInstall.add(line.substring(2).strip());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String pkg : toInstall) {
            String bare = pkg.contains(":") ? pkg.substring(0, pkg.indexOf(':')) : pkg;
            if (!bare.equals(name) && direct.contains(bare)) {
                missing.add(bare);
            }
        }
        return new DebFile(name, version, installed, List.copyOf(missing));
    }

    /** Package names in a Depends field: alternatives split, versions and architectures dropped. */
    static List<String> dependencyNames(String field) {
        List<String> names = new ArrayList<>();
        for (String group : field.split(",")) {
            for (String alternative : group.split("\\|")) {
                String name = alternative.strip().split("[\\s(:]", 2)[0];
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
