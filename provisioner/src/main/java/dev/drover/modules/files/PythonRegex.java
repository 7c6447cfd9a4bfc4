package dev.drover.modules.files;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written for Python's {@code re}, as lineinfile and blockinfile
 * users write them, run with Java's engine.
 *
 * <p>Ansible matches bytes patterns against the file's bytes. To get the same answers,
 * text here is "bytes as chars": every byte one ISO-8859-1 char (see {@link #bytesOf}),
 * so {@code .} is one byte and {@code \w} is ASCII, exactly as for a Python bytes pattern.
 * The syntax Python and Java spell differently is translated: {@code (?P<name>)},
 * {@code (?P=name)}, {@code \Z}, {@code {,n}}, a literal {@code {} or {@code [} inside a
 * class, and {@code (?#comments)}.
 */
public final class PythonRegex {

    private final Pattern pattern;
    private final Map<String, String> groupNames;
    private final boolean multiline;

    private PythonRegex(Pattern pattern, Map<String, String> groupNames, boolean multiline) {
        this.pattern = pattern;
        this.groupNames = groupNames;
        this.multiline = multiline;
    }

    /** Compiles a pattern given as the task wrote it (UTF-8 text). */
    public static PythonRegex compile(String python) throws FileModuleError {
        String bytes = bytesOf(python);
        Map<String, String> names = new HashMap<>();
        String java = translate(bytes, names);
        try {
            // UNIX_LINES: only \n ends a line for $ and ., as in Python.
            return new PythonRegex(Pattern.compile(java, Pattern.UNIX_LINES), names,
                    bytes.matches("(?s)\\(\\?[aiLmsux]*m[aiLmsux]*\\).*"));
        } catch (PatternSyntaxException e) {
            throw new FileModuleError("invalid regular expression " + python + ": " + e.getDescription());
        }
    }

    /**
     * Compiles a pattern for Python's text (str) matching, as the replace and find modules
     * use it: the subject is decoded text, and \w and its kin are Unicode.
     *
     * @param flags more {@link Pattern} flags, e.g. MULTILINE or DOTALL
     */
    public static PythonRegex compileText(String python, int flags) throws FileModuleError {
        Map<String, String> names = new HashMap<>();
        String java = translate(python, names);
        try {
            return new PythonRegex(Pattern.compile(java, Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS | flags),
                    names, (flags & Pattern.MULTILINE) != 0);
        } catch (PatternSyntaxException e) {
            throw new FileModuleError("invalid regular expression " + python + ": " + e.getDescription());
        }
    }

    /** UTF-8 text as "bytes as chars". */
    public static String bytesOf(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** "Bytes as chars" back to readable text, as Ansible's to_native does for diffs. */
    public static String textOf(String bytes) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public Matcher matcher(String bytes) {
        return pattern.matcher(bytes);
    }

    /** {@code re.search}: true when the pattern matches anywhere in {@code bytes}. */
    public boolean search(String bytes) {
        return pattern.matcher(bytes).find();
    }

    /** Python's {@code match.groupdict()}: each named group's text (null when it took no part), by its Python name. */
    public Map<String, String> groupDict(Matcher match) {
        Map<String, String> dict = new java.util.LinkedHashMap<>();
        groupNames.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> dict.put(e.getKey(), match.group(e.getValue())));
        return dict;
    }

    /** Whether the pattern switched on MULTILINE itself with a leading {@code (?m)}. */
    public boolean multiline() {
        return multiline;
    }

    /**
     * Python's {@code match.expand(template)}: {@code \1}, {@code \g<1>}, {@code \g<name>}
     * become the group's text (empty when the group did not take part), {@code \n} and the
     * other standard escapes their character, other escapes stay as they are.
     */
    public String expand(Matcher match, String template) throws FileModuleError {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == 'g') {
                int close = template.indexOf('>', i + 2);
                if (i + 2 >= template.length() || template.charAt(i + 2) != '<' || close < 0) {
                    throw new FileModuleError("bad escape in backrefs line: missing group name");
                }
                String ref = template.substring(i + 3, close);
                out.append(group(match, ref));
                i = close + 1;
            } else if (next >= '1' && next <= '9') {
                int end = i + 2;
                if (end < template.length() && Character.isDigit(template.charAt(end))) {
                    end++;
                }
                out.append(group(match, template.substring(i + 1, end)));
                i = end;
            } else if (next == '0') {
                int end = i + 2;
                while (end < template.length() && end < i + 4 && template.charAt(end) >= '0' && template.charAt(end) <= '7') {
                    end++;
                }
                out.append((char) (Integer.parseInt(template.substring(i + 1, end), 8) & 0xff));
                i = end;
            } else {
                String escaped = switch (next) {
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    case 'f' -> "\f";
                    case 'n' -> "\n";
                    case 'r' -> "\r";
                    case 't' -> "\t";
                    case 'v' -> "\u000b";
                    case '\\' -> "\\";
                    default -> null;
                };
                if (escaped == null && ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) {
                    throw new FileModuleError("bad escape \\" + next + " in backrefs line");
                }
                out.append(escaped != null ? escaped : "\\" + next);
                i += 2;
            }
        }
        return out.toString();
    }

    private String group(Matcher match, String ref) throws FileModuleError {
        String value;
        try {
            if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
                int number = Integer.parseInt(ref);
                if (number > match.groupCount()) {
                    throw new FileModuleError("invalid group reference " + ref + " in backrefs line");
                }
                value = match.group(number);
            } else {
                String javaName = groupNames.get(ref);
                if (javaName == null) {
                    throw new FileModuleError("unknown group name '" + ref + "' in backrefs line");
                }
                value = match.group(javaName);
            }
        } catch (IllegalArgumentException e) {
            throw new FileModuleError("invalid group reference " + ref + " in backrefs line");
        }
        return value == null ? "" : value;
    }

    /** Python {@code re} syntax to {@code java.util.regex} syntax; fills {@code names} Python name -> Java name. */
    static String translate(String python, Map<String, String> names) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        int i = 0;
        while (i < python.length()) {
            char c = python.charAt(i);
            if (c == '\\' && i + 1 < python.length()) {
                char next = python.charAt(i + 1);
                if (next == 'Z' && !inClass) {
                    java.append("\\z");
                } else if (next == '0') {
                    int end = i + 2;
                    while (end < python.length() && end < i + 4 && python.charAt(end) >= '0' && python.charAt(end) <= '7') {
                        end++;
                    }
                    java.append(String.format("\\x%02x", Integer.parseInt(python.substring(i + 1, end), 8) & 0xff));
                    i = end;
                    continue;
                } else {
                    java.append(c).append(next);
                }
                i += 2;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    java.append(c);
                } else if (c == '[') {
                    java.append("\\[");
                } else if (c == '&' && i + 1 < python.length() && python.charAt(i + 1) == '&') {
                    java.append("&\\&");
                    i++;
                } else {
                    java.append(c);
                }
                i++;
                continue;
            }
            if (c == '[') {
                inClass = true;
                java.append('[');
                i++;
                if (i < python.length() && python.charAt(i) == '^') {
                    java.append('^');
                    i++;
                }
                if (i < python.length() && python.charAt(i) == ']') {
                    java.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && python.startsWith("(?P<", i) && python.indexOf('>', i) > 0) {
                int close = python.indexOf('>', i);
                String name = python.substring(i + 4, Math.max(i + 4, close));
                String javaName = "pyg" + names.size() + name.replaceAll("[^A-Za-z0-9]", "");
                names.put(name, javaName);
                java.append("(?<").append(javaName).append('>');
                i = close + 1;
                continue;
            }
            if (c == '(' && python.startsWith("(?P=", i) && python.indexOf(')', i) > 0) {
                int close = python.indexOf(')', i);
                String name = python.substring(i + 4, Math.max(i + 4, close));
                java.append("\\k<").append(names.getOrDefault(name, name)).append('>');
                i = close + 1;
                continue;
            }
            if (c == '(' && python.startsWith("(?#", i)) {
                int close = python.indexOf(')', i);
                i = close < 0 ? python.length() : close + 1;
                continue;
            }
            if (c == '{') {
                Matcher quantifier = QUANTIFIER.matcher(python).region(i, python.length());
                if (quantifier.lookingAt() && !(quantifier.group(1).isEmpty() && quantifier.group(2) == null)) {
                    String min = quantifier.group(1);
                    java.append('{').append(min.isEmpty() ? "0" : min);
                    if (quantifier.group(2) != null) {
                        java.append(',').append(quantifier.group(3));
                    }
                    java.append('}');
                    i = quantifier.end();
                } else {
                    java.append("\\{");
                    i++;
                }
                continue;
            }
            java.append(c);
            i++;
        }
        return java.toString();
    }

    private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(,(\\d*))?\\}");
}
