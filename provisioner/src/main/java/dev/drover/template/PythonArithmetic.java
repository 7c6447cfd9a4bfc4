package dev.drover.template;

import com.hubspot.jinjava.el.ext.PowerOfOperator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionHandler;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionPoint;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary.SimpleOperator;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * The operators whose Python meaning differs from Jinjava's, installed by {@link PythonicParser}:
 * {@code %} takes the divisor's sign ({@code -7 % 3} is 2, not -1) and formats a string
 * ({@code '%s:%d' % (host, port)}); {@code **} with a negative exponent gives a float
 * ({@code 2 ** -1} is 0.5, not 0) and never overflows; {@code *} repeats a string or a list.
 */
final class PythonArithmetic {

    private PythonArithmetic() {}

    static final AstBinary.Operator MOD = new SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            if (a instanceof String template) {
                return formatted(template, b);
            }
            a = intOfBool(a);
            b = intOfBool(b);
            if (Numbers.isInteger(a) && Numbers.isInteger(b)) {
                BigInteger divisor = big(b);
                if (divisor.signum() == 0) {
                    throw new RenderFailure("integer division or modulo by zero");
                }
                BigInteger r = big(a).remainder(divisor);
                return Numbers.normalize(r.signum() != 0 && r.signum() != divisor.signum() ? r.add(divisor) : r);
            }
            if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
                double x = Numbers.asDouble(a);
                double y = Numbers.asDouble(b);
                if (y == 0) {
                    throw new RenderFailure("float modulo");
                }
                double r = x % y;
                return r != 0 && (r < 0) != (y < 0) ? r + y : r;
            }
            return NumberOperations.mod(converter, a, b);
        }

        @Override
        public String toString() {
            return "%";
        }
    };

    static final AstBinary.Operator MUL = new SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            if (Numbers.isInteger(b) && (a instanceof String || a instanceof List<?>)) {
                return repeated(a, big(b));
            }
            if (Numbers.isInteger(a) && (b instanceof String || b instanceof List<?>)) {
                return repeated(b, big(a));
            }
            return NumberOperations.mul(converter, a, b);
        }

        @Override
        public String toString() {
            return "*";
        }
    };

    static final AstBinary.Operator POWER = new SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            a = intOfBool(a);
            b = intOfBool(b);
            if (Numbers.isInteger(a) && Numbers.isInteger(b) && big(b).signum() >= 0 && big(b).bitLength() < 32) {
                return Numbers.normalize(big(a).pow(big(b).intValue()));
            }
            if (Numbers.isNumber(a) && Numbers.isNumber(b)) {
                return Math.pow(Numbers.asDouble(a), Numbers.asDouble(b));
            }
            throw new RenderFailure("unsupported operand type(s) for ** or pow(): '" + PythonRepr.typeName(a) + "' and '"
                    + PythonRepr.typeName(b) + "'");
        }

        @Override
        public String toString() {
            return PowerOfOperator.TOKEN.getImage();
        }
    };

    static final ExtensionHandler POWER_HANDLER = new ExtensionHandler(ExtensionPoint.MUL) {
        @Override
        public AstNode createAstNode(AstNode... children) {
            return new AstBinary(children[0], children[1], POWER);
        }
    };

    /** Python's {@code template % values}: a tuple gives the arguments, a dict the names. */
    private static String formatted(String template, Object values) {
        if (values instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> named = (Map<String, Object>) map;
            return StringFormat.percent(template, List.of(map), named);
        }
        List<?> args = Tuples.isTuple(values) ? (List<?>) values : Collections.singletonList(values);
        return StringFormat.percent(template, args, Map.of());
    }

    private static Object repeated(Object sequence, BigInteger times) {
        int n = times.signum() <= 0 ? 0 : times.intValueExact();
        if (sequence instanceof String s) {
            return s.repeat(n);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll((List<?>) sequence);
        }
        return out;
    }

    private static Object intOfBool(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : value;
    }

    private static BigInteger big(Object integer) {
        return integer instanceof BigInteger b ? b : BigInteger.valueOf(((Number) integer).longValue());
    }
}
