package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Filters that apply a filter or test to each item: map, select, reject, selectattr, rejectattr. */
final class SelectionFilters {

    private SelectionFilters() {}

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.of("map", SelectionFilters::map),
                AnsibleFilter.of("select", (v, a) -> select(v, a, false, false)),
                AnsibleFilter.of("reject", (v, a) -> select(v, a, true, false)),
                AnsibleFilter.of("selectattr", (v, a) -> select(v, a, false, true)),
                AnsibleFilter.of("rejectattr", (v, a) -> select(v, a, true, true)));
    }

    private static Object map(Object value, FilterArgs args) {
        List<Object> out = new ArrayList<>();
        if (args.size() == 0 && args.named().containsKey("attribute")) {
            Object attribute = args.named().get("attribute");
            boolean hasDefault = args.named().containsKey("default");
            for (Object item : ListFilters.iterable(value)) {
                Object picked = ItemPath.get(item, attribute);
                out.add(picked instanceof Undefined && hasDefault ? args.named().get("default") : picked);
            }
            return out;
        }
        String name = args.string(0, "name", null);
        if (name == null) {
            throw new RenderFailure("map requires a filter name or attribute=");
        }
        Filter filter = filter(args.interpreter(), name);
        Object[] rest = args.positionalFrom(1).toArray();
        Map<String, Object> named = new LinkedHashMap<>(args.named());
        for (Object item : ListFilters.iterable(value)) {
            out.add(filter.filter(item, args.interpreter(), rest, named));
        }
        return out;
    }

    private static Object select(Object value, FilterArgs args, boolean reject, boolean byAttribute) {
        int next = 0;
        Object attribute = null;
        if (byAttribute) {
            attribute = args.required(0, "attr");
            next = 1;
        }
        String testName = args.size() > next ? PythonRepr.str(args.positional().get(next)) : null;
        Object[] testArgs = args.positionalFrom(next + 1).toArray();
        ExpTest test = testName == null ? null : test(args.interpreter(), testName);
        List<Object> out = new ArrayList<>();
        for (Object item : ListFilters.iterable(value)) {
            Object subject = byAttribute ? ItemPath.get(item, attribute) : item;
            boolean passed = test == null ? Truthiness.of(subject) : test.evaluate(subject, args.interpreter(), testArgs);
            if (passed != reject) {
                out.add(item);
            }
        }
        return out;
    }

    static Filter filter(JinjavaInterpreter interpreter, String name) {
        Filter filter = interpreter.getContext().getFilter(name);
        if (filter == null) {
            throw new RenderFailure("no filter named '" + name + "'");
        }
        return filter;
    }

    static ExpTest test(JinjavaInterpreter interpreter, String name) {
        ExpTest test = interpreter.getContext().getExpTest(name);
        if (test == null) {
            throw new RenderFailure("no test named '" + name + "'");
        }
        return test;
    }
}
