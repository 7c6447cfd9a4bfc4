package dev.drover.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Ansible adds to Jinja, installed into Jinjava's global context: our filters and
 * tests replace Jinjava's of the same name; Jinjava's remaining ones are kept but refuse
 * undefined input like ours; lookup/query/q become functions.
 */
final class AnsibleLibrary {

    private AnsibleLibrary() {}

    static void registerInto(Context globals) {
        List<AnsibleFilter> filters = new ArrayList<>();
        filters.addAll(TypeFilters.all());
        filters.addAll(TextFilters.all());
        filters.addAll(RegexFilters.all());
        filters.addAll(ListFilters.all());
        filters.addAll(SelectionFilters.all());
        filters.addAll(DictFilters.all());
        filters.addAll(DataFormatFilters.all());
        filters.addAll(EncodingFilters.all());
        filters.addAll(PathFilters.all());
        Set<String> ours = new HashSet<>();
        for (AnsibleFilter filter : filters) {
            ours.add(filter.getName());
        }
        for (Filter builtin : globals.getAllFilters()) {
            if (!ours.contains(builtin.getName())) {
                globals.registerFilter(new GuardedFilter(builtin));
            }
        }
        filters.forEach(globals::registerFilter);

        List<AnsibleTest> tests = AnsibleTests.all();
        Set<String> ourTests = new HashSet<>();
        tests.forEach(t -> ourTests.add(t.getName()));
        for (ExpTest builtin : globals.getAllExpTests()) {
            if (!ourTests.contains(builtin.getName())) {
                globals.registerExpTest(new GuardedTest(builtin));
            }
        }
        tests.forEach(globals::registerExpTest);

        globals.registerFunction(function("lookup", "lookup"));
        globals.registerFunction(function("query", "query"));
        globals.registerFunction(function("q", "query"));
    }

    private static ELFunctionDefinition function(String name, String method) {
        try {
            java.lang.reflect.Method target = Lookups.class.getDeclaredMethod(method, String.class, Object[].class);
            target.setAccessible(true);
            return new ELFunctionDefinition("", name, target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rejectUndefined(Object var, Object[] args) {
        if (var instanceof Undefined undefined) {
            throw undefined.failure();
        }
        for (Object arg : args == null ? new Object[0] : args) {
            if (arg instanceof Undefined undefined) {
                throw undefined.failure();
            }
        }
    }

    /** A Jinjava filter we did not replace, made to fail on undefined input as Jinja2 does. */
    private record GuardedFilter(Filter delegate) implements Filter {
        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            rejectUndefined(var, args);
            return delegate.filter(var, interpreter, args);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            rejectUndefined(var, args);
            return delegate.filter(var, interpreter, args, kwargs);
        }
    }

    private record GuardedTest(ExpTest delegate) implements ExpTest {
        @Override
        public String getName() {
            return delegate.getName();
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            rejectUndefined(var, args);
            return delegate.evaluate(var, interpreter, args);
        }
    }
}
