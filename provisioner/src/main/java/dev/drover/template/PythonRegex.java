package dev.drover.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Python regular expressions on Java's engine: named-group syntax and sub()'s replacement escapes. */
final class PythonRegex {

    private PythonRegex() {}

    static Pattern compile(String pattern, boolean ignoreCase, boolean multiline) {
        String java = pattern.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        int flags = (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (multiline ? Pattern.MULTILINE : 0);
        try {
            return Pattern.compile(java, flags);
        } catch (PatternSyntaxException e) {
            throw new RenderFailure("invalid regular expression " + PythonRepr.repr(pattern) + ": " + e.getDescription());
        }
    }

    /** Python's re.sub: replaces every match, expanding \1, \g<1>, \g<name> in the replacement. */
    static String sub(Pattern pattern, String replacement, String text) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(expand(m, replacement));
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static String expand(Matcher m, String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c != '\\' || i + 1 >= replacement.length()) {
                out.append(c);
                continue;
            }
            char next = replacement.charAt(++i);
            if (Character.isDigit(next)) {
                int end = i + 1;
                if (end < replacement.length() && Character.isDigit(replacement.charAt(end))) {
                    end++;
                }
                out.append(group(m, replacement.substring(i, end)));
                i = end - 1;
            } else if (next == 'g' && i + 1 < replacement.length() && replacement.charAt(i + 1) == '<') {
                int close = replacement.indexOf('>', i);
                out.append(group(m, replacement.substring(i + 2, close)));
                i = close;
            } else {
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(next);
                }
            }
        }
        return out.toString();
    }

    static String group(Matcher m, String ref) {
        String value = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
        return value == null ? "" : value;
    }

    /** Python's re.escape. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("()[]{}?*+-|^$\\.&~# \t\n\r\u000b\f".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
