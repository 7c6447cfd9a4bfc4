package dev.drover.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Python's == for template values: 1 equals 1.0 and an Integer equals a Long. */
final class PythonEquality {

    private PythonEquality() {}

    static boolean equal(Object a, Object b) {
        return key(a).equals(key(b));
    }

    /** A value that is equal and hashes equal exactly when Python's == would say so. */
    static Object key(Object value) {
        if (value instanceof Boolean || value == null) {
            return value == null ? NullKey.INSTANCE : value;
        }
        if (value instanceof Number n) {
            BigDecimal decimal = Numbers.isInteger(n) ? new BigDecimal(n.toString())
                    : Double.isFinite(n.doubleValue()) ? new BigDecimal(n.doubleValue()) : null;
            return decimal == null ? n.doubleValue() : decimal.stripTrailingZeros();
        }
        if (value instanceof CharSequence || value instanceof com.hubspot.jinjava.objects.SafeString) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(key(k), key(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(key(item)));
            return out;
        }
        if (value instanceof Undefined undefined) {
            throw undefined.failure();
        }
        return value;
    }

    static boolean contains(Collection<?> items, Object value) {
        Object wanted = key(value);
        for (Object item : items) {
            if (key(item).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private enum NullKey { INSTANCE }
}
