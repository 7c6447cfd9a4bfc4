package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expression language turns values into text the Python way, so that
 * {@code 'x' ~ flag} gives {@code xTrue} as in Jinja2, not Java's {@code xtrue}.
 */
final class PythonicJinjava extends Jinjava {

    private final ExpressionFactory factory;

    PythonicJinjava(JinjavaConfig config) {
        super(config);
        Properties properties = new Properties();
        properties.setProperty(TreeBuilder.class.getName(), ExtendedSyntaxBuilder.class.getName());
        factory = new ExpressionFactoryImpl(properties, new PythonTypeConverter());
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
