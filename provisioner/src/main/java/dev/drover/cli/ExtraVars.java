package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.inventory.VarsDirectory;
import dev.drover.yaml.AnsibleYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -e}: {@code key=value ...}, {@code @file.yml}, or inline YAML/JSON, later ones winning, as in Ansible. */
final class ExtraVars {

    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> values) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String value : values) {
            String text = value.strip();
            if (text.startsWith("@")) {
                vars.putAll(VarsDirectory.readVarsFile(Path.of(text.substring(1))));
            } else if (text.startsWith("{") || text.startsWith("---")) {
                Object parsed = AnsibleYaml.loadString(text, Path.of("<extra vars>"));
                if (!(parsed instanceof Map<?, ?> map)) {
                    throw new UserError("extra vars must be a mapping: " + text, SourceLocation.UNKNOWN, null);
                }
                map.forEach((k, v) -> vars.put(String.valueOf(k), v));
            } else {
                vars.putAll(keyValues(text));
            }
        }
        return vars;
    }

    private static Map<String, Object> keyValues(String text) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String word : splitWords(text)) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new UserError("invalid extra vars '" + word + "'", SourceLocation.UNKNOWN,
                        "use -e key=value, -e '{\"key\": value}' or -e @vars.yml");
            }
            vars.put(word.substring(0, eq), unquote(word.substring(eq + 1)));
        }
        return vars;
    }

    private static List<String> splitWords(String text) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                word.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'') && value.endsWith(value.substring(0, 1))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
