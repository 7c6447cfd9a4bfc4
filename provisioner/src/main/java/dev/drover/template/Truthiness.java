package dev.drover.template;

import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.Collection;
import java.util.Map;

/**
 * Whether a value counts as true in a condition. Python's rules (empty is false, zero is
 * false) with Jinjava's one twist kept for consistency inside templates: the string "false"
 * (any case) is false, which also makes {@code when: "{{ flag }}"} behave as users expect.
 */
final class Truthiness {

    private Truthiness() {}

    static boolean of(Object value) {
        if (value instanceof Undefined u) {
            throw u.failure();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return ObjectTruthValue.evaluate(value);
    }

    /** The bool filter: Ansible's to_bool, where only yes/on/1/true (any case) and 1 are true. */
    static Boolean toBool(Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        String text = PythonRepr.str(value).toLowerCase();
        return text.equals("yes") || text.equals("on") || text.equals("1") || text.equals("true");
    }
}
