package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.Collection;
import java.util.List;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expression language turns values into text the Python way, so that
 * {@code 'x' ~ flag} gives {@code xTrue} as in Jinja2, not Java's {@code xtrue}, whose
 * parser is {@link PythonicParser}, and whose global context lists its functions cheaply.
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

    private static final class GlobalContext extends Context {
        private volatile Collection<ELFunctionDefinition> functions;

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
