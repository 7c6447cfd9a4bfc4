package dev.drover.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Filters on sequences: length, first, last, min, max, sum, sort, unique, reverse, list, join, flatten, zip, set operations. */
final class ListFilters {

    private ListFilters() {}

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("length", (v, a) -> length(v)),
                AnsibleFilter.of("count", (v, a) -> length(v)),
                AnsibleFilter.of("first", (v, a) -> first(v)),
                AnsibleFilter.of("last", (v, a) -> last(v)),
                AnsibleFilter.of("min", (v, a) -> extreme(v, a, false)),
                AnsibleFilter.of("max", (v, a) -> extreme(v, a, true)),
                AnsibleFilter.of("sum", ListFilters::sum),
                AnsibleFilter.of("sort", ListFilters::sort),
                AnsibleFilter.of("unique", (v, a) -> unique(iterable(v), a.bool(0, "case_sensitive", false), a.get(1, "attribute", null))),
                AnsibleFilter.of("reverse", (v, a) -> reverse(v)),
                AnsibleFilter.of("list", (v, a) -> new ArrayList<>(iterable(v))),
                AnsibleFilter.of("join", ListFilters::join),
                AnsibleFilter.of("flatten", (v, a) -> flatten(iterable(v), a.get(0, "levels", null) == null ? -1
                        : a.integer(0, "levels", -1), a.bool(1, "skip_nulls", true))),
                AnsibleFilter.of("zip", (v, a) -> zip(v, a, false)),
                AnsibleFilter.of("zip_longest", (v, a) -> zip(v, a, true)),
                AnsibleFilter.of("batch", ListFilters::batch),
                AnsibleFilter.of("difference", (v, a) -> difference(iterable(v), iterable(a.required(0, "b")))),
                AnsibleFilter.of("intersect", (v, a) -> intersect(iterable(v), iterable(a.required(0, "b")))),
                AnsibleFilter.of("union", (v, a) -> union(iterable(v), iterable(a.required(0, "b")))),
                AnsibleFilter.of("symmetric_difference", (v, a) -> symmetricDifference(iterable(v), iterable(a.required(0, "b")))));
    }

    /** What Python's iteration yields: list items, dict keys, string characters. */
    static List<Object> iterable(Object value) {
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> items = (List<Object>) list;
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof Collection<?> items) {
            return new ArrayList<>(items);
        }
        if (value instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.asList(array);
        }
        if (value instanceof Undefined undefined) {
            throw undefined.failure();
        }
        throw new RenderFailure("'" + PythonRepr.typeName(value) + "' object is not iterable");
    }

    static int length(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof Collection<?> items) {
            return items.size();
        }
        throw new RenderFailure("object of type '" + PythonRepr.typeName(value) + "' has no len()");
    }

    private static Object first(Object value) {
        List<Object> items = iterable(value);
        return items.isEmpty() ? Undefined.because("No first item, sequence was empty.") : items.get(0);
    }

    private static Object last(Object value) {
        List<Object> items = iterable(value);
        return items.isEmpty() ? Undefined.because("No last item, sequence was empty.") : items.get(items.size() - 1);
    }

    /** Jinja compares strings ignoring case unless told otherwise. */
    static Comparator<Object> order(boolean caseSensitive, Object attribute) {
        return (a, b) -> Numbers.compare(sortKey(a, caseSensitive, attribute), sortKey(b, caseSensitive, attribute));
    }

    private static Object sortKey(Object item, boolean caseSensitive, Object attribute) {
        Object key = ItemPath.get(item, attribute);
        if (key instanceof Undefined undefined) {
            throw undefined.failure();
        }
        return !caseSensitive && key instanceof String s ? s.toLowerCase() : key;
    }

    private static Object extreme(Object value, FilterArgs args, boolean max) {
        List<Object> items = iterable(value);
        if (items.isEmpty()) {
            return Undefined.because("No aggregated item, sequence was empty.");
        }
        Comparator<Object> order = order(args.bool(0, "case_sensitive", false), args.get(1, "attribute", null));
        Object best = items.get(0);
        for (Object item : items.subList(1, items.size())) {
            int c = order.compare(item, best);
            if (max ? c > 0 : c < 0) {
                best = item;
            }
        }
        return best;
    }

    private static Object sum(Object value, FilterArgs args) {
        Object attribute = args.get(0, "attribute", null);
        Object total = args.get(1, "start", 0);
        for (Object item : iterable(value)) {
            Object term = ItemPath.get(item, attribute);
            if (total instanceof List<?> list && term instanceof List<?> more) {
                List<Object> joined = new ArrayList<>(list);
                joined.addAll(more);
                total = joined;
            } else {
                total = Numbers.add(total, term);
            }
        }
        return total;
    }

    private static Object sort(Object value, FilterArgs args) {
        boolean reverse = args.bool(0, "reverse", false);
        boolean caseSensitive = args.bool(1, "case_sensitive", false);
        Object attribute = args.get(2, "attribute", null);
        List<Object> items = new ArrayList<>(iterable(value));
        Comparator<Object> order;
        if (attribute instanceof String attrs && attrs.contains(",")) {
            order = (a, b) -> 0;
            for (String attr : attrs.split(",")) {
                order = order.thenComparing(order(caseSensitive, attr.strip()));
            }
        } else {
            order = order(caseSensitive, attribute);
        }
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    static List<Object> unique(List<Object> items, boolean caseSensitive, Object attribute) {
        Set<Object> seen = new HashSet<>();
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            Object key = ItemPath.get(item, attribute);
            if (!caseSensitive && key instanceof String s) {
                key = s.toLowerCase();
            }
            if (seen.add(PythonEquality.key(key))) {
                out.add(item);
            }
        }
        return out;
    }

    private static Object reverse(Object value) {
        if (value instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        List<Object> items = new ArrayList<>(iterable(value));
        java.util.Collections.reverse(items);
        return items;
    }

    private static Object join(Object value, FilterArgs args) {
        String separator = args.string(0, "d", "");
        Object attribute = args.get(1, "attribute", null);
        List<String> parts = new ArrayList<>();
        for (Object item : iterable(value)) {
            Object part = ItemPath.get(item, attribute);
            parts.add(PythonRepr.str(part));
        }
        return String.join(separator, parts);
    }

    /** Ansible's flatten: nested lists merged (levels deep, -1 for all), None/'None'/'null' dropped. */
    static List<Object> flatten(List<Object> items, int levels, boolean skipNulls) {
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (skipNulls && (item == null || "None".equals(item) || "null".equals(item))) {
                continue;
            }
            if (item instanceof List<?> nested && levels != 0) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) nested;
                out.addAll(flatten(inner, levels < 0 ? -1 : levels - 1, skipNulls));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static Object zip(Object value, FilterArgs args, boolean longest) {
        List<List<Object>> lists = new ArrayList<>();
        lists.add(iterable(value));
        for (Object other : args.positional()) {
            lists.add(iterable(other));
        }
        int size = longest ? lists.stream().mapToInt(List::size).max().orElse(0)
                : lists.stream().mapToInt(List::size).min().orElse(0);
        Object fill = args.get(-1, "fillvalue", null);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Object[] tuple = new Object[lists.size()];
            for (int l = 0; l < lists.size(); l++) {
                tuple[l] = i < lists.get(l).size() ? lists.get(l).get(i) : fill;
            }
            out.add(Tuples.of(tuple));
        }
        return out;
    }

    private static Object batch(Object value, FilterArgs args) {
        int size = args.integer(0, "linecount", 1);
        Object fill = args.get(1, "fill_with", null);
        boolean fillGiven = args.has(1, "fill_with");
        List<Object> out = new ArrayList<>();
        List<Object> current = new ArrayList<>();
        for (Object item : iterable(value)) {
            current.add(item);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            while (fillGiven && current.size() < size) {
                current.add(fill);
            }
            out.add(current);
        }
        return out;
    }

    static List<Object> difference(List<Object> a, List<Object> b) {
        List<Object> kept = new ArrayList<>();
        for (Object item : a) {
            if (!PythonEquality.contains(b, item)) {
                kept.add(item);
            }
        }
        return unique(kept, true, null);
    }

    static List<Object> intersect(List<Object> a, List<Object> b) {
        List<Object> kept = new ArrayList<>();
        for (Object item : a) {
            if (PythonEquality.contains(b, item)) {
                kept.add(item);
            }
        }
        return unique(kept, true, null);
    }

    static List<Object> union(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        all.addAll(b);
        return unique(all, true, null);
    }

    static List<Object> symmetricDifference(List<Object> a, List<Object> b) {
        List<Object> both = intersect(a, b);
        List<Object> out = new ArrayList<>();
        for (Object item : union(a, b)) {
            if (!PythonEquality.contains(both, item)) {
                out.add(item);
            }
        }
        return out;
    }
}
