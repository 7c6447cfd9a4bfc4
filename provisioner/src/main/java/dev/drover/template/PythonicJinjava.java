package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.fn.FunctionLibrary;
import com.hubspot.jinjava.interpret.Context.Library;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expression language turns values into text the Python way, so that
 * {@code 'x' ~ flag} gives {@code xTrue} as in Jinja2, not Java's {@code xtrue}, whose
 * parser is {@link PythonicParser}, and whose global context lists its functions cheaply and
 * holds only the global functions Jinja2 has too.
 */
final class PythonicJinjava extends Jinjava {

    private final ExpressionFactory factory;
    private final GlobalContext globals = new GlobalContext();

    PythonicJinjava(JinjavaConfig config) {
        super(config);
        factory = new ExpressionFactoryImpl(new TreeStore(new PythonicParser.SyntaxBuilder(), new Cache(1000)),
                new PythonTypeConverter());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return factory;
    }

    /**
     * Jinjava's own global context, except that the list of functions is kept: every new
     * interpreter asks for it, and Jinjava rebuilds it each time (filtering, hashing and
     * concatenating every name), which was a third of the cost of a short render. The list is
     * immutable and rebuilt only after a function is registered, so sharing it between
     * threads is safe.
     */
    @Override
    public Context getGlobalContext() {
        return globals;
    }

    /**
     * Jinjava's global functions that Jinja2 also has; the others ({@code today},
     * {@code datetimeformat}, {@code strtotime}, {@code type}, {@code fn:list}...) are left out,
     * so a template calling one fails as in Ansible ("'today' is undefined"), and every
     * expression's function table, built afresh for each interpreter, is shorter. Ansible's own
     * globals (lookup, query, q) are added by {@link AnsibleLibrary}.
     */
    static final Set<String> JINJA2_FUNCTIONS = Set.of("range", "namespace", "super");

    private static final class GlobalContext extends Context {
        private volatile Collection<ELFunctionDefinition> functions;

        GlobalContext() {
            super(null, null, Map.of(Library.FUNCTION, jinjavaOnlyFunctions()));
        }

        /** Named as Jinjava's library names them ({@code :today}, {@code fn:list}), so they are never registered. */
        private static Set<String> jinjavaOnlyFunctions() {
            return new FunctionLibrary(true, null).entries().stream()
                    .filter(f -> !(f.getNamespace().isEmpty() && JINJA2_FUNCTIONS.contains(f.getLocalName())))
                    .map(ELFunctionDefinition::getName)
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public Collection<ELFunctionDefinition> getAllFunctions() {
            Collection<ELFunctionDefinition> listed = functions;
            if (listed == null) {
                listed = List.copyOf(super.getAllFunctions());
                functions = listed;
            }
            return listed;
        }

        @Override
        public void registerFunction(ELFunctionDefinition function) {
            super.registerFunction(function);
            functions = null;
        }
    }

    private static final class PythonTypeConverter extends TruthyTypeConverter {
        private static final long serialVersionUID = 1L;

        @Override
        protected String coerceToString(Object value) {
            if (value instanceof String s) {
                return s;
            }
            if (value == null) {
                return "None";
            }
            if (value instanceof Boolean || value instanceof Number || value instanceof java.util.Collection
                    || value instanceof java.util.Map || value instanceof Undefined) {
                return PythonRepr.str(value);
            }
            return super.coerceToString(value);
        }
    }
}
