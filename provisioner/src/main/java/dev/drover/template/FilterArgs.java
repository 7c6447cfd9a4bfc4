package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A filter's or test's arguments, bound as Python binds them: each parameter by position or by
 * name ({@code sort(attribute='name', reverse=true)}).
 */
final class FilterArgs {

    private final String owner;
    private final List<Object> positional;
    private final Map<String, Object> named;
    private final JinjavaInterpreter interpreter;

    FilterArgs(String owner, Object[] args, Map<String, Object> kwargs, JinjavaInterpreter interpreter) {
        this.owner = owner;
        this.positional = new ArrayList<>();
        this.named = new LinkedHashMap<>(kwargs == null ? Map.of() : kwargs);
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter p) {
                named.put(p.getName(), p.getValue());
            } else {
                positional.add(arg);
            }
        }
        this.interpreter = interpreter;
    }

    static FilterArgs of(String owner, JinjavaInterpreter interpreter, Object... args) {
        return new FilterArgs(owner, args, Map.of(), interpreter);
    }

    JinjavaInterpreter interpreter() {
        return interpreter;
    }

    RenderSession session() {
        return DroverInterpreter.sessionOf(interpreter);
    }

    int size() {
        return positional.size();
    }

    List<Object> positional() {
        return positional;
    }

    List<Object> positionalFrom(int index) {
        return index >= positional.size() ? List.of() : positional.subList(index, positional.size());
    }

    Map<String, Object> named() {
        return named;
    }

    boolean has(int index, String name) {
        return (index >= 0 && index < positional.size()) || named.containsKey(name);
    }

    Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        return named.getOrDefault(name, fallback);
    }

    String string(int index, String name, String fallback) {
        Object value = get(index, name, fallback);
        return value == null ? null : PythonRepr.str(value);
    }

    boolean bool(int index, String name, boolean fallback) {
        Object value = get(index, name, fallback);
        return value != null && Truthiness.of(value);
    }

    int integer(int index, String name, int fallback) {
        Object value = get(index, name, fallback);
        if (value instanceof Number n) {
            return n.intValue();
        }
        Object parsed = Numbers.toInt(value, null, 10);
        if (parsed == null) {
            throw new RenderFailure(owner + ": expected a number for '" + name + "', got " + PythonRepr.repr(value));
        }
        return ((Number) parsed).intValue();
    }

    Object required(int index, String name) {
        if (!has(index, name)) {
            throw new RenderFailure(owner + " is missing its argument '" + name + "'");
        }
        return get(index, name, null);
    }

    @Override
    public String toString() {
        return owner + Arrays.asList(positional.toArray()) + named;
    }
}
