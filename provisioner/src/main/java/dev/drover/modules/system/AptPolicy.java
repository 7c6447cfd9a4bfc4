package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code apt-cache policy NAME...} says about each package: the candidate apt would
 * install and every available version, highest first (apt prints its version table in
 * that order). A package apt has never heard of is simply absent.
 */
record AptPolicy(Map<String, Package> packages) {

    /** @param candidate null when apt has no installable version (a purely virtual package, say) */
    record Package(String name, String candidate, List<String> versions) {
    }

    private static final Pattern HEADER = Pattern.compile("^(\\S+):$");
    private static final Pattern CANDIDATE = Pattern.compile("^\\s+Candidate: (\\S+)$");
    private static final Pattern VERSION = Pattern.compile("^ (?:\\*\\*\\*| {3}) (\\S+) -?\\d+$");

    static AptPolicy parse(String output) {
        Map<String, Package> packages = new LinkedHashMap<>();
        String name = null;
        String candidate = null;
        List<String> versions = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (name != null) {
                    packages.put(name, new Package(name, candidate, List.copyOf(versions)));
                }
                name = header.group(1);
                candidate = null;
                versions.clear();
                continue;
            }
            Matcher c = CANDIDATE.matcher(line);
            if (c.matches()) {
                candidate = c.group(1).equals("(none)") ? null : c.group(1);
                continue;
            }
            Matcher v = VERSION.matcher(line);
            if (v.matches()) {
                versions.add(v.group(1));
            }
        }
        if (name != null) {
            packages.put(name, new Package(name, candidate, List.copyOf(versions)));
        }
        return new AptPolicy(packages);
    }

    Package get(String name) {
        return packages.get(name);
    }

    /**
     * The version apt would install for a spec, as Ansible's package_best_match decides it:
     * with "=PATTERN" the highest available version matching the pattern (a version pin
     * outranks every other pin), otherwise the candidate; null when there is none.
     */
    String bestMatch(AptPackageSpec spec) {
        Package pkg = packages.get(spec.name());
        if (pkg == null) {
            return null;
        }
        if ("=".equals(spec.comparison())) {
            return pkg.versions().stream().filter(spec::accepts).findFirst().orElse(null);
        }
        return pkg.candidate();
    }
}
