package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expression language turns values into text the Python way, so that
 * {@code 'x' ~ flag} gives {@code xTrue} as in Jinja2, not Java's {@code xtrue}, and whose
 * parser accepts a test after a filter ({@link PythonicParser}).
 */
final class PythonicJinjava extends Jinjava {

    private final ExpressionFactory factory;

    PythonicJinjava(JinjavaConfig config) {
        super(config);
        factory = new ExpressionFactoryImpl(new TreeStore(new PythonicParser.SyntaxBuilder(), new Cache(1000)),
                new PythonTypeConverter());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return factory;
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
