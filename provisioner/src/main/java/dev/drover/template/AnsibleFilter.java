package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * One Ansible/Jinja2 filter adapted to Jinjava: arguments bound Python-style, and an undefined
 * input or argument reported as the undefined error unless the filter handles undefined itself
 * ({@code default}, {@code mandatory}).
 */
final class AnsibleFilter implements Filter {

    @FunctionalInterface
    interface Body {
        Object apply(Object value, FilterArgs args);
    }

    private final String name;
    private final Body body;
    private final boolean acceptsUndefined;
    private final boolean textResult;

    private AnsibleFilter(String name, Body body, boolean acceptsUndefined, boolean textResult) {
        this.name = name;
        this.body = body;
        this.acceptsUndefined = acceptsUndefined;
        this.textResult = textResult;
    }

    static AnsibleFilter of(String name, Body body) {
        return new AnsibleFilter(name, body, false, false);
    }

    static AnsibleFilter acceptingUndefined(String name, Body body) {
        return new AnsibleFilter(name, body, true, false);
    }

    /**
     * A filter whose text result stays text even when it reads as a list or dict (Ansible's
     * STRING_TYPE_FILTERS: string, to_json, to_yaml...). Marked by wrapping it as a SafeString.
     */
    static AnsibleFilter producingText(String name, Body body) {
        return new AnsibleFilter(name, body, false, true);
    }

    @Override
    public boolean preserveSafeString() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return filter(var, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (!acceptsUndefined && var instanceof Undefined undefined) {
            throw undefined.failure();
        }
        // A filter that handles undefined (default, mandatory) gets undefined arguments too, as in
        // Jinja2: x | default(y) with y undefined is x when x is defined, and y's error only when
        // y is what comes out and gets used.
        for (Object arg : args) {
            if (!acceptsUndefined && arg instanceof Undefined undefined) {
                throw undefined.failure();
            }
        }
        for (Object arg : kwargs.values()) {
            if (!acceptsUndefined && arg instanceof Undefined undefined) {
                throw undefined.failure();
            }
        }
        Object input = var instanceof com.hubspot.jinjava.objects.SafeString s ? s.toString() : var;
        try {
            Object result = body.apply(input, new FilterArgs(name, args, kwargs, interpreter));
            return textResult && result instanceof String text ? new com.hubspot.jinjava.objects.SafeString(text) : result;
        } catch (RenderFailure failure) {
            throw failure;
        } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException | IllegalArgumentException e) {
            throw new RenderFailure("the " + name + " filter cannot be applied to " + PythonRepr.typeName(input)
                    + " " + shortRepr(input) + " with these arguments");
        }
    }

    private static String shortRepr(Object value) {
        try {
            String repr = PythonRepr.repr(value);
            return repr.length() > 60 ? repr.substring(0, 57) + "..." : repr;
        } catch (RenderFailure e) {
            return "(a value holding an undefined variable)";
        }
    }
}
