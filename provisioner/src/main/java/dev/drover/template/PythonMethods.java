package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods of Python's str, dict and list that templates call ({@code name.startswith('db')},
 * {@code d.items()}, {@code path.split('/')}), with Python's results.
 */
final class PythonMethods {

    private PythonMethods() {}

    static Object call(Object base, String name, Object[] args) {
        if (base instanceof String s) {
            return StringMethods.call(s, name, args);
        }
        if (base instanceof Map<?, ?> map) {
            return dictMethod(map, name, args);
        }
        return listMethod((List<?>) base, name, args);
    }

    static Object arg(Object[] args, int index, Object fallback) {
        if (index < args.length) {
            Object value = args[index];
            return value instanceof NamedParameter p ? p.getValue() : value;
        }
        return fallback;
    }

    static RenderFailure noAttribute(Object base, String name) {
        return new RenderFailure("'" + PythonRepr.typeName(base) + " object' has no attribute '" + name + "'");
    }

    private static Object dictMethod(Map<?, ?> map, String name, Object[] args) {
        switch (name) {
            case "keys":
                return new ArrayList<>(map.keySet());
            case "values":
                return new ArrayList<>(map.values());
            case "items": {
                List<Object> items = new ArrayList<>();
                map.forEach((k, v) -> items.add(Tuples.of(k, v)));
                return items;
            }
            case "get": {
                Object key = PythonEquality.findKey(map, arg(args, 0, null));
                return key != PythonEquality.NO_KEY ? map.get(key) : arg(args, 1, null);
            }
            case "copy":
                return new LinkedHashMap<>(map);
            case "update": {
                @SuppressWarnings("unchecked")
                Map<Object, Object> target = (Map<Object, Object>) map;
                target.putAll((Map<?, ?>) arg(args, 0, Map.of()));
                return null;
            }
            default:
                throw noAttribute(map, name);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object listMethod(List<?> list, String name, Object[] args) {
        List<Object> target = (List<Object>) list;
        try {
            switch (name) {
                case "index": {
                    int index = PythonEquality.indexOf(list, arg(args, 0, null));
                    if (index < 0) {
                        throw new RenderFailure(PythonRepr.repr(arg(args, 0, null)) + " is not in list");
                    }
                    return index;
                }
                case "count":
                    return (int) list.stream().filter(x -> PythonEquality.equal(x, arg(args, 0, null))).count();
                case "append":
                    target.add(arg(args, 0, null));
                    return null;
                case "extend":
                    target.addAll((List<?>) arg(args, 0, List.of()));
                    return null;
                case "insert":
                    target.add(((Number) arg(args, 0, 0)).intValue(), arg(args, 1, null));
                    return null;
                case "pop": {
                    int index = ((Number) arg(args, 0, -1)).intValue();
                    return target.remove(index < 0 ? index + list.size() : index);
                }
                case "remove": {
                    int index = PythonEquality.indexOf(list, arg(args, 0, null));
                    if (index < 0) {
                        throw new RenderFailure("list.remove(x): x not in list");
                    }
                    target.remove(index);
                    return null;
                }
                case "copy":
                    return new ArrayList<>(list);
                default:
                    throw noAttribute(list, name);
            }
        } catch (UnsupportedOperationException e) {
            throw new RenderFailure("this list cannot be changed in a template (" + name + ")");
        }
    }
}
