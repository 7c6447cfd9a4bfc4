package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code lookup()}, {@code query()} and {@code q()} functions: a plugin by name, its terms
 * and options; {@code lookup} joins string results with commas unless {@code wantlist=True},
 * {@code query} always returns the list. Static because Jinjava binds functions to static
 * methods; the render they serve is found through the current interpreter.
 */
final class Lookups {

    private Lookups() {}

    static Object lookup(String name, Object... args) {
        return run(name, args, false);
    }

    static Object query(String name, Object... args) {
        return run(name, args, true);
    }

    private static Object run(String name, Object[] args, boolean alwaysList) {
        List<Object> terms = new ArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>();
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof NamedParameter p) {
                options.put(p.getName(), p.getValue());
            } else if (arg instanceof Undefined undefined) {
                throw undefined.failure();
            } else {
                terms.add(arg);
            }
        }
        boolean wantList = alwaysList || (options.containsKey("wantlist") && Truthiness.of(options.remove("wantlist")));
        String errors = options.containsKey("errors") ? PythonRepr.str(options.remove("errors")) : "strict";
        List<Object> results;
        try {
            results = LookupPlugins.run(name, terms, options, DroverInterpreter.currentSession());
        } catch (RenderFailure failure) {
            if (failure.isUndefined()) {
                throw failure;
            }
            if (errors.equals("ignore") || errors.equals("warn")) {
                return wantList ? new ArrayList<>() : null;
            }
            throw new RenderFailure("lookup('" + name + "') failed: " + failure.getMessage());
        }
        if (wantList) {
            return results;
        }
        if (results.stream().allMatch(r -> r instanceof String)) {
            return String.join(",", results.stream().map(String.class::cast).toList());
        }
        return results.size() == 1 ? results.get(0) : results;
    }
}
