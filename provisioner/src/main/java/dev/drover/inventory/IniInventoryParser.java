package dev.drover.inventory;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory: {@code [group]} host lines with inline {@code key=value}s,
 * {@code [group:vars]} and {@code [group:children]} sections. Values are read as Python
 * literals where they are one (numbers, True/False/None, quoted strings), as Ansible does.
 */
final class IniInventoryParser {

    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]:]+)(?::(\\w+))?]\\s*(?:[#;].*)?$");

    private IniInventoryParser() {
    }

    static void parse(String text, Path file, InventoryBuilder into) {
        String group = Inventory.UNGROUPED;
        String kind = "hosts";
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            SourceLocation where = new SourceLocation(file, i + 1, 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                group = section.group(1).strip();
                kind = section.group(2) == null ? "hosts" : section.group(2);
                if (!List.of("hosts", "vars", "children").contains(kind)) {
                    throw new UserError("unknown section type ':" + kind + "' in [" + line.substring(1), where,
                            "sections are [group], [group:vars] or [group:children]");
                }
                into.group(group);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq < 0) {
                        throw new UserError("expected key=value in [" + group + ":vars], got: " + line, where, null);
                    }
                    into.groupVars(group, Map.of(line.substring(0, eq).strip(), PythonLiteral.parse(line.substring(eq + 1).strip())));
                }
                case "children" -> into.child(group, line.split("\\s+")[0]);
                default -> parseHostLine(line, group, where, into);
            }
        }
    }

    private static void parseHostLine(String line, String group, SourceLocation where, InventoryBuilder into) {
        List<String> words = ShellWords.split(line, where);
        if (words.isEmpty()) {
            return;
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new UserError("expected key=value after the host name, got: " + word, where,
                        "host lines look like: web1 ansible_host=10.0.0.5 ansible_user=admin");
            }
            vars.put(word.substring(0, eq), PythonLiteral.parse(word.substring(eq + 1)));
        }
        List<String> names;
        try {
            names = HostRange.expand(words.get(0));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), where, null);
        }
        for (String name : names) {
            into.host(name, group, vars);
        }
    }

    /** Splits a host line into words as shlex does, honouring quotes and stopping at a comment. */
    static final class ShellWords {
        private ShellWords() {
        }

        static List<String> split(String line, SourceLocation where) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inWord = true;
                } else if (c == '#') {
                    break;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (quote != 0) {
                throw new UserError("unclosed quote in host line: " + line, where, null);
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
