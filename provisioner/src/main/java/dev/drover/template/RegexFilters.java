package dev.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** regex_replace, regex_search, regex_findall, regex_escape, with Python's semantics. */
final class RegexFilters {

    private RegexFilters() {}

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("regex_replace", (v, a) -> PythonRegex.sub(
                        PythonRegex.compile(a.string(0, "pattern", ""), a.bool(2, "ignorecase", false), a.bool(3, "multiline", false)),
                        a.string(1, "replacement", ""), PythonRepr.str(v))),
                AnsibleFilter.of("regex_search", RegexFilters::search),
                AnsibleFilter.of("regex_findall", RegexFilters::findall),
                AnsibleFilter.of("regex_escape", (v, a) -> PythonRegex.escape(PythonRepr.str(v))));
    }

    private static Object search(Object value, FilterArgs args) {
        String text = PythonRepr.str(value);
        Pattern pattern = PythonRegex.compile(args.string(0, "regex", ""), args.bool(-1, "ignorecase", false),
                args.bool(-1, "multiline", false));
        List<String> groups = new ArrayList<>();
        for (Object ref : args.positionalFrom(1)) {
            String r = PythonRepr.str(ref);
            if (r.startsWith("\\g<") && r.endsWith(">")) {
                groups.add(r.substring(3, r.length() - 1));
            } else if (r.matches("\\\\\\d+")) {
                groups.add(r.substring(1));
            } else {
                throw new RenderFailure("regex_search: unknown argument " + PythonRepr.repr(ref));
            }
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return null;
        }
        if (groups.isEmpty()) {
            return m.group();
        }
        List<Object> out = new ArrayList<>();
        for (String group : groups) {
            String ref = group;
            out.add(ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref));
        }
        return out;
    }

    private static Object findall(Object value, FilterArgs args) {
        String text = PythonRepr.str(value);
        Pattern pattern = PythonRegex.compile(args.string(0, "regex", ""), args.bool(2, "ignorecase", false),
                args.bool(1, "multiline", false));
        Matcher m = pattern.matcher(text);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            int groups = m.groupCount();
            if (groups == 0) {
                out.add(m.group());
            } else if (groups == 1) {
                out.add(m.group(1) == null ? "" : m.group(1));
            } else {
                Object[] tuple = new Object[groups];
                for (int g = 1; g <= groups; g++) {
                    tuple[g - 1] = m.group(g) == null ? "" : m.group(g);
                }
                out.add(Tuples.of(tuple));
            }
        }
        return out;
    }
}
