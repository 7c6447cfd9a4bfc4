package dev.drover.modules.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sysctl.conf-style file as Ansible's sysctl module reads and rewrites it: every line is
 * stripped, a key's first line is kept (set to the new value, or dropped when absent),
 * later lines for a key already seen are dropped, and a missing key is appended. Pure.
 */
final class SysctlFile {

    private final List<String> lines;
    private final Map<String, String> values;

    private SysctlFile(List<String> lines, Map<String, String> values) {
        this.lines = lines;
        this.values = values;
    }

    static SysctlFile parse(String text) {
        List<String> lines = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : CronTab.splitLines(text)) {
            String line = raw.strip();
            lines.add(line);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || !line.contains("=")) {
                continue;
            }
            String[] kv = line.split("=", 2);
            values.put(kv[0].strip(), kv[1].strip());
        }
        return new SysctlFile(lines, values);
    }

    /** The value the file gives a key (its last line wins, as in Python's dict), or null. */
    String value(String key) {
        return values.get(key);
    }

    /** The file's new text with {@code key} set to {@code value}, or removed when value is null. */
    String with(String key, String value) {
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || !line.contains("=")) {
                out.append(line).append('\n');
                continue;
            }
            String[] kv = line.split("=", 2);
            String k = kv[0].strip();
            if (seen.add(k)) {
                if (k.equals(key)) {
                    if (value != null) {
                        out.append(k).append('=').append(value).append('\n');
                    }
                } else {
                    out.append(k).append('=').append(kv[1].strip()).append('\n');
                }
            }
        }
        if (!seen.contains(key) && value != null) {
            out.append(key).append('=').append(value).append('\n');
        }
        return out.toString();
    }

    /** Ansible's _parse_value: booleans become 1 and 0, other text is stripped. */
    static String normalizeValue(String value) {
        if (value == null) {
            return "";
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (Set.of("y", "yes", "on", "1", "true", "t").contains(lower)) {
            return "1";
        }
        if (Set.of("n", "no", "off", "0", "false", "f").contains(lower)) {
            return "0";
        }
        return value.strip();
    }

    /** Ansible's _values_is_equal: the same whitespace-separated words. */
    static boolean sameWords(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return List.of(a.strip().split("\\s+")).equals(List.of(b.strip().split("\\s+")));
    }
}
