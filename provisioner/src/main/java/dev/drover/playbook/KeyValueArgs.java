package dev.drover.playbook;

import dev.drover.template.PythonStringEscapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code key=value} argument text ({@code copy: src=a dest=b}), split as Ansible's
 * split_args/parse_kv do: whitespace separates words except inside quotes and Jinja blocks;
 * words without {@code =} form {@code _raw_params}.
 */
final class KeyValueArgs {

    /** Keys that free-form modules (command, shell, ...) still take as key=value; anything else stays in the command text. */
    static final Set<String> FREE_FORM_KEYS = Set.of("creates", "removes", "chdir", "executable", "warn", "stdin",
            "stdin_add_newline", "strip_empty_ends");

    private KeyValueArgs() {
    }

    static Map<String, Object> parse(String text, boolean freeForm) {
        List<String> words = split(text);
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> raw = new ArrayList<>();
        boolean extracted = false;
        for (String word : words) {
            int eq = keyEnd(word);
            if (eq > 0) {
                String key = word.substring(0, eq);
                if (!freeForm || FREE_FORM_KEYS.contains(key)) {
                    // As Ansible's parse_kv: a key=value word's escapes are decoded (msg="say \"hi\""),
                    // a free-form command's words are kept as written.
                    args.put(key, unquote(PythonStringEscapes.decodeKeyValueEscapes(word.substring(eq + 1))));
                    extracted = true;
                    continue;
                }
            }
            raw.add(word);
        }
        if (!raw.isEmpty()) {
            // Keep a free-form command exactly as written unless a key had to be cut out of it.
            args.put("_raw_params", extracted ? String.join(" ", raw) : text.strip());
        }
        return args;
    }

    /** Position of the '=' of a leading identifier, or -1 when the word is not key=value. */
    private static int keyEnd(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return -1;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return -1;
            }
        }
        return eq;
    }

    static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    /** Splits on whitespace, keeping quoted text and {{ }} / {% %} blocks whole (quotes retained). */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        int jinja = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (quote == 0 && c == '{' && (next == '{' || next == '%' || next == '#')) {
                jinja++;
            } else if (quote == 0 && (c == '}' || c == '%' || c == '#') && next == '}' && jinja > 0) {
                jinja--;
                word.append(c).append(next);
                i++;
                continue;
            }
            if (quote != 0) {
                if (c == quote && (i == 0 || text.charAt(i - 1) != '\\')) {
                    quote = 0;
                }
                word.append(c);
            } else if ((c == '"' || c == '\'') && jinja == 0) {
                quote = c;
                word.append(c);
            } else if (Character.isWhitespace(c) && jinja == 0) {
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
}
