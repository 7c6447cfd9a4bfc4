package dev.drover.playbook;

import java.util.ArrayList;
import java.util.List;

/** {@code when:}, {@code changed_when:} and {@code failed_when:}: one condition or a list that must all hold. */
final class Conditions {

    private Conditions() {
    }

    static List<String> of(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> conditions.add(asCondition(v)));
        } else {
            conditions.add(asCondition(value));
        }
        return List.copyOf(conditions);
    }

    private static String asCondition(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        String text = String.valueOf(value).strip();
        // Ansible accepts "{{ x }}" in when: too (with a warning); the bare form is what we evaluate.
        if (text.startsWith("{{") && text.endsWith("}}") && text.indexOf("{{", 2) < 0) {
            text = text.substring(2, text.length() - 2).strip();
        }
        return text;
    }

    /** Null when the keyword is absent, so "not set" and "set to an empty list" stay different. */
    static List<String> orNull(Object value, boolean present) {
        return present ? of(value) : null;
    }
}
