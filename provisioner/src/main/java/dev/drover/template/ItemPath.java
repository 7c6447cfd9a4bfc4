package dev.drover.template;

import java.util.List;
import java.util.Map;

/** Jinja's attribute paths for filters ({@code sort(attribute='a.b')}, {@code map(attribute='0')}). */
final class ItemPath {

    private ItemPath() {}

    static Object get(Object item, Object attribute) {
        if (attribute == null) {
            return item;
        }
        if (attribute instanceof Number n) {
            return step(item, n.intValue());
        }
        Object current = item;
        for (String part : PythonRepr.str(attribute).split("\\.")) {
            current = step(current, part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? Integer.parseInt(part) : part);
            if (current instanceof Undefined) {
                return current;
            }
        }
        return current;
    }

    private static Object step(Object base, Object key) {
        if (base instanceof Undefined) {
            return base;
        }
        if (base instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            if (key instanceof Integer i && map.containsKey(String.valueOf(i))) {
                return map.get(String.valueOf(i));
            }
            return Undefined.attribute(base, key);
        }
        if (base instanceof List<?> list && key instanceof Integer i) {
            int index = i < 0 ? i + list.size() : i;
            return index >= 0 && index < list.size() ? list.get(index) : Undefined.element(base, key);
        }
        return Undefined.attribute(base, key);
    }
}
