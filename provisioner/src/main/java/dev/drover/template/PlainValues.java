package dev.drover.template;

import com.hubspot.jinjava.objects.SafeString;
import dev.drover.yaml.VaultText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What leaves the template package: plain Java values the rest of Drover can hold on to.
 * Lazy views are read through, Jinjava's wrappers dropped, integers made Integer/Long/BigInteger
 * as the YAML loader makes them, and an undefined value anywhere is the error it carries.
 */
final class PlainValues {

    private PlainValues() {}

    static Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof VaultText secret) {
            return secret.reveal();
        }
        if (value instanceof Undefined undefined) {
            throw undefined.failure();
        }
        if (value instanceof SafeString s) {
            return s.toString();
        }
        if (value instanceof Number) {
            return Numbers.normalize(value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(of(k), of(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(of(item));
            }
            return out;
        }
        if (value instanceof Object[] array) {
            return of(java.util.Arrays.asList(array));
        }
        return value;
    }
}
