package dev.drover.template;

import java.util.List;
import java.util.regex.Pattern;

/** Filters on text: case, whitespace, replace, indent, center, quote, split, format. */
final class TextFilters {

    private TextFilters() {}

    private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+");

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("lower", (v, a) -> PythonRepr.str(v).toLowerCase()),
                AnsibleFilter.of("upper", (v, a) -> PythonRepr.str(v).toUpperCase()),
                AnsibleFilter.of("capitalize", (v, a) -> capitalize(PythonRepr.str(v))),
                AnsibleFilter.of("title", (v, a) -> title(PythonRepr.str(v))),
                AnsibleFilter.of("trim", (v, a) -> StringMethods.strip(PythonRepr.str(v), a.string(0, "chars", null), true, true)),
                AnsibleFilter.of("replace", (v, a) -> StringMethods.replace(PythonRepr.str(v), a.string(0, "old", ""),
                        a.string(1, "new", ""), a.get(2, "count", null) == null ? -1 : a.integer(2, "count", -1))),
                AnsibleFilter.of("center", (v, a) -> center(PythonRepr.str(v), a.integer(0, "width", 80))),
                AnsibleFilter.of("indent", TextFilters::indent),
                AnsibleFilter.of("quote", (v, a) -> quote(v == null ? "" : PythonRepr.str(v))),
                AnsibleFilter.of("split", (v, a) -> StringMethods.split(PythonRepr.str(v), a.string(0, "sep", null),
                        a.integer(1, "maxsplit", -1))),
                AnsibleFilter.of("splitlines", (v, a) -> StringMethods.splitlines(PythonRepr.str(v))),
                AnsibleFilter.of("truncate", TextFilters::truncate),
                AnsibleFilter.of("wordcount", (v, a) -> StringMethods.split(PythonRepr.str(v), null, -1).size()),
                AnsibleFilter.of("format", (v, a) -> StringFormat.percent(PythonRepr.str(v), a.positional(), a.named())));
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    /** Jinja's title: upper-case the first letter of each word, where words split at spaces, dashes, brackets. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean startOfWord = true;
        for (char c : s.toCharArray()) {
            out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = Character.isWhitespace(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
        }
        return out.toString();
    }

    /** Python's str.center: the extra space goes left when the padding and width are both odd. */
    static String center(String s, int width) {
        int pad = width - s.length();
        if (pad <= 0) {
            return s;
        }
        int left = pad / 2 + (pad & width & 1);
        return " ".repeat(left) + s + " ".repeat(pad - left);
    }

    private static String indent(Object value, FilterArgs args) {
        String text = PythonRepr.str(value);
        Object width = args.get(0, "width", 4);
        String indentation = width instanceof String w ? w : " ".repeat(((Number) width).intValue());
        boolean first = args.bool(1, "first", false);
        boolean blank = args.bool(2, "blank", false);
        List<Object> lines = StringMethods.splitlines(text + "\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) {
                out.append('\n');
                if (blank || !line.isEmpty()) {
                    out.append(indentation);
                }
            }
            out.append(line);
        }
        return first ? indentation + out : out.toString();
    }

    /** Jinja's truncate: text within length + leeway stays; else cut at a word boundary and marked. */
    private static String truncate(Object value, FilterArgs args) {
        String text = PythonRepr.str(value);
        int length = args.integer(0, "length", 255);
        boolean killwords = args.bool(1, "killwords", false);
        String end = args.string(2, "end", "...");
        int leeway = args.integer(3, "leeway", 5);
        if (text.length() <= length + leeway) {
            return text;
        }
        String head = text.substring(0, Math.max(0, length - end.length()));
        if (!killwords && head.contains(" ")) {
            head = head.substring(0, head.lastIndexOf(' '));
        }
        return head + end;
    }

    /** Python's shlex.quote. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        if (SHELL_SAFE.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
