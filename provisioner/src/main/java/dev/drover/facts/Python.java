package dev.drover.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ansible_python} and {@code python_version}, from "PATH Python X.Y.Z" when the host
 * has a python3. Drover needs no Python; these describe the one Ansible would have used.
 */
final class Python {

    private static final Pattern VERSION = Pattern.compile("(\\S+) Python (\\d+)\\.(\\d+)\\.(\\d+)");

    private Python() {
    }

    static Optional<String> version(String line) {
        Matcher m = VERSION.matcher(line.strip());
        return m.matches() ? Optional.of(m.group(2) + "." + m.group(3) + "." + m.group(4)) : Optional.empty();
    }

    static Optional<Map<String, Object>> describe(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(2));
        int minor = Integer.parseInt(m.group(3));
        int micro = Integer.parseInt(m.group(4));
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", major);
        version.put("micro", micro);
        version.put("minor", minor);
        version.put("releaselevel", "final");
        version.put("serial", 0);
        Map<String, Object> python = new LinkedHashMap<>();
        python.put("executable", m.group(1));
        python.put("has_sslcontext", true);
        python.put("type", "cpython");
        python.put("version", version);
        python.put("version_info", List.of(major, minor, micro, "final", 0));
        return Optional.of(python);
    }
}
