package dev.drover.template;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commonest template by far is a plain reference: {@code {{ url }}}, {@code {{ item.name }}}.
 * Those are resolved here straight from the variables, with the same results as Jinjava would
 * give, without building an interpreter. Anything else returns {@link #NOT_DIRECT}.
 */
final class DirectReference {

    static final Object NOT_DIRECT = new Object();

    private static final Pattern DOTTED = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*\\s*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "none", "True", "False", "None", "empty", "not",
            "and", "or", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "in", "is", "loop", "range");

    private DirectReference() {}

    static Object evaluate(String expression, RenderSession session) {
        if (expression.length() > 200 || !DOTTED.matcher(expression).matches()) {
            return NOT_DIRECT;
        }
        String[] parts = expression.strip().split("\\.");
        if (RESERVED.contains(parts[0])) {
            return NOT_DIRECT;
        }
        Object value = session.variable(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (value instanceof Undefined) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                value = map.containsKey(parts[i]) ? map.get(parts[i]) : Undefined.attribute(map, parts[i]);
            } else if (value instanceof List<?> || value instanceof String) {
                value = Undefined.attribute(value, parts[i]);
            } else {
                return NOT_DIRECT;
            }
        }
        return value;
    }
}
