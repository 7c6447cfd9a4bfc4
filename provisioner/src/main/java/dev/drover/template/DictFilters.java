package dev.drover.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Filters on dicts: combine, dict2items, items2dict, dict, dictsort, extract. */
final class DictFilters {

    private DictFilters() {}

    private static final List<String> LIST_MERGES = List.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp");

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("combine", DictFilters::combine),
                AnsibleFilter.of("dict2items", (v, a) -> dict2items(v, a.string(0, "key_name", "key"), a.string(1, "value_name", "value"))),
                AnsibleFilter.of("items2dict", (v, a) -> items2dict(v, a.string(0, "key_name", "key"), a.string(1, "value_name", "value"))),
                AnsibleFilter.of("dict", (v, a) -> toDict(v)),
                AnsibleFilter.of("items", (v, a) -> PythonMethods.call(v, "items", new Object[0])),
                AnsibleFilter.of("dictsort", DictFilters::dictsort),
                AnsibleFilter.of("extract", DictFilters::extract));
    }

    private static Object combine(Object value, FilterArgs args) {
        boolean recursive = args.bool(-1, "recursive", false);
        String listMerge = args.string(-1, "list_merge", "replace");
        if (!LIST_MERGES.contains(listMerge)) {
            throw new RenderFailure("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', "
                    + "'prepend', 'append_rp' or 'prepend_rp'");
        }
        for (String key : args.named().keySet()) {
            if (!key.equals("recursive") && !key.equals("list_merge")) {
                throw new RenderFailure("'recursive' and 'list_merge' are the only valid keyword arguments");
            }
        }
        List<Object> terms = new ArrayList<>();
        terms.add(value);
        terms.addAll(args.positional());
        List<Object> dicts = ListFilters.flatten(terms, 1, true);
        if (dicts.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<Object, Object> result = asMap(dicts.get(dicts.size() - 1));
        for (int i = dicts.size() - 2; i >= 0; i--) {
            result = merge(asMap(dicts.get(i)), result, recursive, listMerge);
        }
        return result;
    }

    private static Map<Object, Object> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        throw new RenderFailure("combine expects dictionaries, got " + PythonRepr.typeName(value) + " " + PythonRepr.repr(value));
    }

    /** Ansible's merge_hash: y's keys win over x's; dicts merged when recursive; lists per list_merge. */
    static Map<Object, Object> merge(Map<?, ?> x, Map<?, ?> y, boolean recursive, String listMerge) {
        Map<Object, Object> out = new LinkedHashMap<>(x);
        for (Map.Entry<?, ?> entry : y.entrySet()) {
            Object key = entry.getKey();
            Object yValue = entry.getValue();
            if (!out.containsKey(key)) {
                out.put(key, yValue);
                continue;
            }
            Object xValue = out.get(key);
            if (xValue instanceof Map<?, ?> xm && yValue instanceof Map<?, ?> ym) {
                out.put(key, recursive ? merge(xm, ym, true, listMerge) : yValue);
            } else if (xValue instanceof List<?> xl && yValue instanceof List<?> yl) {
                out.put(key, mergeLists(xl, yl, listMerge));
            } else {
                out.put(key, yValue);
            }
        }
        return out;
    }

    private static Object mergeLists(List<?> x, List<?> y, String listMerge) {
        List<Object> out = new ArrayList<>();
        switch (listMerge) {
            case "keep" -> out.addAll(x);
            case "append" -> {
                out.addAll(x);
                out.addAll(y);
            }
            case "prepend" -> {
                out.addAll(y);
                out.addAll(x);
            }
            case "append_rp" -> {
                x.stream().filter(item -> !PythonEquality.contains(y, item)).forEach(out::add);
                out.addAll(y);
            }
            case "prepend_rp" -> {
                out.addAll(y);
                x.stream().filter(item -> !PythonEquality.contains(y, item)).forEach(out::add);
            }
            default -> out.addAll(y);
        }
        return out;
    }

    private static Object dict2items(Object value, String keyName, String valueName) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RenderFailure("dict2items requires a dictionary, got " + PythonRepr.typeName(value) + " instead.");
        }
        List<Object> out = new ArrayList<>();
        map.forEach((k, v) -> {
            Map<Object, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            out.add(item);
        });
        return out;
    }

    private static Object items2dict(Object value, String keyName, String valueName) {
        if (!(value instanceof List<?> list)) {
            throw new RenderFailure("items2dict requires a list, got " + PythonRepr.typeName(value) + " instead.");
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> entry) || !entry.containsKey(keyName) || !entry.containsKey(valueName)) {
                throw new RenderFailure("items2dict requires each dictionary in the list to contain the keys '" + keyName
                        + "' and '" + valueName + "', got " + PythonRepr.repr(list) + " instead.");
            }
            out.put(entry.get(keyName), entry.get(valueName));
        }
        return out;
    }

    private static Object toDict(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object pair : ListFilters.iterable(value)) {
            List<Object> kv = ListFilters.iterable(pair);
            if (kv.size() != 2) {
                throw new RenderFailure("dictionary update sequence element has length " + kv.size() + "; 2 is required");
            }
            out.put(kv.get(0), kv.get(1));
        }
        return out;
    }

    /** Ansible's extract: container[item], then [key] for each of morekeys. */
    private static Object extract(Object item, FilterArgs args) {
        Object value = subscript(args.required(0, "container"), item);
        Object more = args.get(1, "morekeys", null);
        if (more != null) {
            for (Object key : more instanceof List<?> keys ? keys : List.of(more)) {
                value = subscript(value, key);
            }
        }
        return value;
    }

    private static Object subscript(Object container, Object key) {
        if (container instanceof Undefined) {
            return container;
        }
        if (container instanceof Map<?, ?> map) {
            Object found = PythonEquality.findKey(map, key);
            return found != PythonEquality.NO_KEY ? map.get(found) : Undefined.attribute(map, key);
        }
        if (container instanceof List<?> list && key instanceof Number n) {
            int index = n.intValue() < 0 ? n.intValue() + list.size() : n.intValue();
            return index >= 0 && index < list.size() ? list.get(index) : Undefined.element(list, key);
        }
        return Undefined.attribute(container, key);
    }

    private static Object dictsort(Object value, FilterArgs args) {
        boolean caseSensitive = args.bool(0, "case_sensitive", false);
        boolean byValue = "value".equals(args.string(1, "by", "key"));
        boolean reverse = args.bool(2, "reverse", false);
        List<Object> items = new ArrayList<>();
        ((Map<?, ?>) value).forEach((k, v) -> items.add(Tuples.of(k, v)));
        java.util.Comparator<Object> order = ListFilters.order(caseSensitive, byValue ? 1 : 0);
        items.sort(reverse ? order.reversed() : order);
        return items;
    }
}
