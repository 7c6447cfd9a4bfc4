package dev.drover.facts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fact's text read as Python's ConfigParser reads INI: [sections] of "key = value"
 * or "key: value" with lower-cased keys, comment lines (# ;), indented continuation lines,
 * DEFAULT values inherited by every section, and %(name)s / %% interpolation. Text before
 * the first section, a line that is not an option, or a repeated section or key is an error.
 */
final class IniText {

    private static final Pattern SECTION = Pattern.compile("\\[(?<header>.+)]");
    private static final Pattern OPTION = Pattern.compile("(?<option>.*?)\\s*(?<vi>[=:])\\s*(?<value>.*)$");
    private static final Pattern REFERENCE = Pattern.compile("%\\(([^)]+)\\)s|%%");

    private IniText() {
    }

    static Map<String, Object> parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int lastIndent = 0;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                lastKey = null;
                continue;
            }
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (current != null && lastKey != null && indent > lastIndent) {
                current.put(lastKey, current.get(lastKey) + "\n" + stripped);
                continue;
            }
            lastIndent = indent;
            Matcher section = SECTION.matcher(stripped);
            if (section.matches()) {
                String name = section.group("header");
                if (name.equals("DEFAULT")) {
                    current = defaults;
                } else {
                    if (sections.containsKey(name)) {
                        throw new IllegalArgumentException("section '" + name + "' already exists");
                    }
                    current = new LinkedHashMap<>();
                    sections.put(name, current);
                }
                lastKey = null;
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("File contains no section headers");
            }
            Matcher option = OPTION.matcher(stripped);
            if (!option.matches() || option.group("option").isEmpty()) {
                throw new IllegalArgumentException("Source contains parsing errors");
            }
            String key = option.group("option").strip().toLowerCase(Locale.ROOT);
            if (current.containsKey(key)) {
                throw new IllegalArgumentException("option '" + key + "' already exists");
            }
            current.put(key, option.group("value").strip());
            lastKey = key;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        sections.forEach((name, options) -> {
            Map<String, String> visible = new LinkedHashMap<>(options);
            defaults.forEach(visible::putIfAbsent);
            Map<String, Object> values = new LinkedHashMap<>();
            visible.forEach((k, v) -> values.put(k, interpolate(v, visible, 0)));
            facts.put(name, values);
        });
        return facts;
    }

    private static String interpolate(String value, Map<String, String> options, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("interpolation too deep");
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("%%")) {
                replacement = "%";
            } else {
                String referenced = options.get(m.group(1).toLowerCase(Locale.ROOT));
                if (referenced == null) {
                    throw new IllegalArgumentException("bad interpolation: " + m.group());
                }
                replacement = interpolate(referenced, options, depth + 1);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
