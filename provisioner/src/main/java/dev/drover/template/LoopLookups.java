package dev.drover.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lookups that build loop items from data, as Ansible's with_* keywords use them:
 * dict, indexed_items, sequence, subelements, nested/cartesian and together. Each takes the
 * terms Ansible hands its plugin and returns the items, with Ansible's error messages;
 * indexed_items and subelements give tuples, as in Python.
 */
final class LoopLookups {

    private LoopLookups() {}

    /** "[start-]end[/stride][:format]", the short form of a sequence. */
    private static final Pattern SHORTCUT = Pattern.compile(
            "^(?:(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|[0-9]+)-)?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|[0-9]+)(?:/(-?(?:0[xX][0-9a-fA-F]+|[0-9]+)))?(?::(.+))?$");

    static List<Object> dict(List<Object> terms) {
        List<Object> items = new ArrayList<>();
        for (Object term : terms) {
            if (!(term instanceof Map<?, ?> map)) {
                throw new RenderFailure("with_dict expects a dict");
            }
            map.forEach((k, v) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("key", k);
                entry.put("value", v);
                items.add(entry);
            });
        }
        return items;
    }

    static List<Object> indexedItems(List<Object> terms) {
        List<Object> flat = ListFilters.flatten(terms, 1, false);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < flat.size(); i++) {
            items.add(Tuples.of(i, flat.get(i)));
        }
        return items;
    }

    /** with_sequence / lookup('sequence'): numbers as formatted text, from key=value or the short form. */
    static List<Object> sequence(List<Object> terms) {
        List<Object> out = new ArrayList<>();
        for (Object term : terms) {
            String text = PythonRepr.str(term).strip();
            long start = 1;
            Long end = null;
            Long count = null;
            long stride = 1;
            String format = "%d";
            Matcher shortcut = SHORTCUT.matcher(text);
            if (shortcut.matches()) {
                if (shortcut.group(1) != null) {
                    start = number(shortcut.group(1), "start");
                }
                end = number(shortcut.group(2), "end");
                if (shortcut.group(3) != null) {
                    stride = number(shortcut.group(3), "stride");
                }
                if (shortcut.group(4) != null) {
                    format = shortcut.group(4);
                }
            } else {
                for (String word : text.split("\\s+")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    int eq = word.indexOf('=');
                    if (eq < 0) {
                        throw new RenderFailure("can't parse arg " + word + "=None as integer");
                    }
                    String key = word.substring(0, eq);
                    String value = word.substring(eq + 1);
                    switch (key) {
                        case "start" -> start = number(value, key);
                        case "end" -> end = number(value, key);
                        case "count" -> count = number(value, key);
                        case "stride" -> stride = number(value, key);
                        case "format" -> format = value;
                        default -> throw new RenderFailure("unrecognized arguments to with_sequence: ['" + key + "']");
                    }
                }
            }
            if (count == null && end == null) {
                throw new RenderFailure("must specify count or end in with_sequence");
            }
            if (count != null && end != null) {
                throw new RenderFailure("can't specify both count and end in with_sequence");
            }
            if (count != null) {
                if (count != 0) {
                    end = start + count * stride - 1;
                } else {
                    start = 0;
                    end = 0L;
                    stride = 0;
                }
            }
            if (stride > 0 && end < start) {
                throw new RenderFailure("to count backwards make stride negative");
            }
            if (stride < 0 && end > start) {
                throw new RenderFailure("to count forward don't make stride negative");
            }
            if (format.chars().filter(c -> c == '%').count() != 1) {
                throw new RenderFailure("bad formatting string: " + format);
            }
            if (stride == 0) {
                continue;
            }
            long stop = end + (stride > 0 ? 1 : -1);
            for (long i = start; stride > 0 ? i < stop : i > stop; i += stride) {
                out.add(StringFormat.percent(format, List.of(i), Map.of()));
            }
        }
        return out;
    }

    /** Python's int(text, 0): decimal, 0x hex, 0o octal; a leading zero alone is octal as sequence reads it. */
    private static long number(String text, String name) {
        String t = text.strip();
        try {
            boolean negative = t.startsWith("-");
            String digits = negative ? t.substring(1) : t;
            long value;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                value = Long.parseLong(digits.substring(2), 16);
            } else if (digits.startsWith("0o") || digits.startsWith("0O")) {
                value = Long.parseLong(digits.substring(2), 8);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                value = Long.parseLong(digits.substring(1), 8);
            } else {
                value = Long.parseLong(digits);
            }
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw new RenderFailure("can't parse " + name + "=" + text + " as integer");
        }
    }

    /**
     * with_subelements: pairs of (element, one of its sub-list entries). As in Ansible, the
     * element handed out no longer holds the sub-list, and elements marked skipped are left out.
     */
    static List<Object> subelements(List<Object> terms) {
        String usage = "subelements lookup expects a list of two or three items, ";
        if (terms.size() < 2 || terms.size() > 3) {
            throw new RenderFailure(usage + "first a dict or a list, second a string pointing to the subkey");
        }
        Object first = terms.get(0);
        if (!(first instanceof List || first instanceof Map) || !(terms.get(1) instanceof String path)) {
            throw new RenderFailure(usage + "first a dict or a list, second a string pointing to the subkey");
        }
        List<Object> elements;
        if (first instanceof Map<?, ?> map) {
            Object skipped = map.get("skipped");
            if (skipped != null && !Boolean.FALSE.equals(skipped)) {
                return new ArrayList<>();
            }
            elements = new ArrayList<>(map.values());
        } else {
            elements = new ArrayList<>((List<?>) first);
        }
        boolean skipMissing = false;
        if (terms.size() == 3) {
            if (!(terms.get(2) instanceof Map<?, ?> flags) || !flags.keySet().stream().allMatch("skip_missing"::equals)) {
                throw new RenderFailure(usage + "the optional third item must be a dict with flags ('skip_missing',)");
            }
            skipMissing = Truthiness.of(flags.get("skip_missing") == null ? false : flags.get("skip_missing"));
        }
        String[] keys = path.split("\\.");
        List<Object> out = new ArrayList<>();
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?> item)) {
                throw new RenderFailure("subelements lookup expects a dictionary, got '" + PythonRepr.str(element) + "'");
            }
            Object skipped = item.get("skipped");
            if (skipped != null && !Boolean.FALSE.equals(skipped)) {
                continue;
            }
            Map<String, Object> parent = copy(item);
            Map<String, Object> level = parent;
            List<?> sublist = List.of();
            for (int k = 0; k < keys.length; k++) {
                String key = keys[k];
                boolean last = k == keys.length - 1;
                if (!level.containsKey(key)) {
                    if (skipMissing) {
                        break;
                    }
                    throw new RenderFailure("could not find '" + key + "' key in iterated item '" + PythonRepr.str(level) + "'");
                }
                Object value = level.get(key);
                if (!last) {
                    if (!(value instanceof Map<?, ?> inner)) {
                        if (skipMissing) {
                            break;
                        }
                        throw new RenderFailure("the key " + key + " should point to a dictionary, got '" + PythonRepr.str(value) + "'");
                    }
                    Map<String, Object> innerCopy = copy(inner);
                    level.put(key, innerCopy);
                    level = innerCopy;
                } else {
                    if (!(value instanceof List<?> list)) {
                        throw new RenderFailure("the key " + key + " should point to a list, got '" + PythonRepr.str(value) + "'");
                    }
                    sublist = list;
                    level.remove(key);
                }
            }
            for (Object sub : sublist) {
                out.add(Tuples.of(parent, sub));
            }
        }
        return out;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** with_nested / with_cartesian: every combination, each flattened one level, first list outermost. */
    static List<Object> nested(List<Object> terms, String name) {
        if (terms.isEmpty()) {
            throw new RenderFailure("with_" + name + " requires at least one element in the nested list");
        }
        List<List<Object>> combos = new ArrayList<>();
        combos.add(new ArrayList<>());
        for (Object term : terms) {
            List<?> values = term instanceof List<?> list ? list : List.of(term);
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> combo : combos) {
                for (Object value : values) {
                    List<Object> extended = new ArrayList<>(combo);
                    if (value instanceof List<?> inner) {
                        extended.addAll(inner);
                    } else {
                        extended.add(value);
                    }
                    next.add(extended);
                }
            }
            combos = next;
        }
        return new ArrayList<>(combos);
    }

    /** with_together: the lists side by side; shorter lists give None. */
    static List<Object> together(List<Object> terms) {
        if (terms.isEmpty()) {
            throw new RenderFailure("with_together requires at least one element in each list");
        }
        int longest = 0;
        List<List<?>> lists = new ArrayList<>();
        for (Object term : terms) {
            List<?> list = term instanceof List<?> l ? l : List.of(term);
            lists.add(list);
            longest = Math.max(longest, list.size());
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            List<Object> row = new ArrayList<>();
            for (List<?> list : lists) {
                Object value = i < list.size() ? list.get(i) : null;
                if (value instanceof List<?> inner) {
                    row.addAll(inner);
                } else {
                    row.add(value);
                }
            }
            out.add(row);
        }
        return out;
    }
}
