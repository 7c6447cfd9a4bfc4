package dev.drover.template;

import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionHandler;
import jinjava.de.odysseus.el.tree.impl.Parser.ExtensionPoint;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary.SimpleOperator;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;

/**
 * Python's {@code ==} and {@code in} for template values, used by the {@code ==}, {@code !=},
 * {@code in} and {@code not in} operators ({@link PythonicParser}) and by every filter, test and
 * method that compares: numbers are equal by value whatever their Java type (1 == 1.0 == True,
 * an Integer from YAML equals a Long from a list literal), lists, tuples and dicts compare item
 * by item, a list never equals a tuple, text never equals a number, and an undefined value
 * cannot be compared. Jinjava would coerce instead ({@code '1' == 1}) and compare lists with
 * Java's equals.
 */
final class PythonEquality {

    private PythonEquality() {}

    static boolean equal(Object a, Object b) {
        a = plain(a);
        b = plain(b);
        if (isNumeric(a) && isNumeric(b)) {
            return sameNumber(a, b);
        }
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return sameDict(x, y);
        }
        if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
            return Tuples.isTuple(x) == Tuples.isTuple(y) && sameItems(x, y);
        }
        if (isNumeric(a) || isNumeric(b) || a instanceof String || b instanceof String) {
            return false;
        }
        return a.equals(b);
    }

    /** Python's {@code item in container}: a substring, a dict key, or an item equal to it. */
    static boolean isIn(Object item, Object container) {
        container = plain(container);
        if (container instanceof String text) {
            Object part = plain(item);
            if (!(part instanceof String s)) {
                throw new RenderFailure("'in <string>' requires string as left operand, not " + PythonRepr.typeName(part));
            }
            return text.contains(s);
        }
        if (container instanceof Map<?, ?> map) {
            Object key = plain(item);
            if (key instanceof Map || key instanceof Collection && !Tuples.isTuple(key)) {
                throw new RenderFailure("unhashable type: '" + PythonRepr.typeName(key) + "'");
            }
            return findKey(map, key) != NO_KEY;
        }
        if (container instanceof Collection<?> items) {
            return contains(items, item);
        }
        if (container instanceof Object[] array) {
            return contains(java.util.Arrays.asList(array), item);
        }
        throw new RenderFailure("argument of type '" + PythonRepr.typeName(container) + "' is not iterable");
    }

    /**
     * Jinja2's {@code sameas} test, Python's {@code is}: the same object. Numbers, text, bools
     * and None are the same when they are of the same Python type and equal (CPython shares
     * them); lists and dicts only when they are one object.
     */
    static boolean sameAs(Object a, Object b) {
        a = plain(a);
        b = plain(b);
        if (a == b) {
            return true;
        }
        if (a instanceof Map || a instanceof Collection || b instanceof Map || b instanceof Collection || a == null || b == null) {
            return false;
        }
        return PythonRepr.typeName(a).equals(PythonRepr.typeName(b)) && equal(a, b);
    }

    static boolean contains(Collection<?> items, Object value) {
        return indexOf(items, value) >= 0;
    }

    /** Python's {@code list.index}: the first position of an equal item, or -1. */
    static int indexOf(Collection<?> items, Object value) {
        plain(value);
        int index = 0;
        for (Object item : items) {
            if (equal(item, value)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    /** The key of {@code map} that Python's dict would find for {@code key}, or {@link #NO_KEY}. */
    static Object findKey(Map<?, ?> map, Object key) {
        Object wanted = plain(key);
        if (map.containsKey(wanted)) {
            return wanted;
        }
        if (!isNumeric(wanted) && !(wanted instanceof Collection)) {
            // text finds only equal text; only numbers and tuples have other equal forms
            return NO_KEY;
        }
        for (Object candidate : map.keySet()) {
            if (equal(candidate, wanted)) {
                return candidate;
            }
        }
        return NO_KEY;
    }

    /** What {@link #findKey} answers when the dict has no such key. */
    static final Object NO_KEY = new Object();

    /**
     * A value that is equal and hashes equal exactly when Python's == would say so, for sets of
     * values seen ({@code unique}).
     */
    static Object key(Object value) {
        value = plain(value);
        if (value == null) {
            return NullKey.INSTANCE;
        }
        if (isNumeric(value)) {
            return numberKey(value);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(key(k), key(v)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            List<Object> out = new ArrayList<>(items.size());
            items.forEach(item -> out.add(key(item)));
            return Tuples.isTuple(items) ? new TupleKey(out) : out;
        }
        return value;
    }

    /** Text as String; an undefined value fails here, as comparing one fails in Jinja2. */
    private static Object plain(Object value) {
        if (value instanceof SafeString) {
            return value.toString();
        }
        if (value instanceof Undefined undefined) {
            throw undefined.failure();
        }
        return value;
    }

    /** Python's bool is an int: True == 1 and False == 0.0. */
    private static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    private static boolean sameNumber(Object a, Object b) {
        a = a instanceof Boolean x ? (x ? 1 : 0) : a;
        b = b instanceof Boolean y ? (y ? 1 : 0) : b;
        if (isSmallInteger(a) && isSmallInteger(b)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (Numbers.isInteger(a) && Numbers.isInteger(b)) {
            return bigInteger(a).equals(bigInteger(b));
        }
        BigDecimal x = exact((Number) a);
        BigDecimal y = exact((Number) b);
        if (x == null || y == null) {
            // inf equals inf; nan equals nothing, not even itself
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return x.compareTo(y) == 0;
    }

    /** The exact value of a number, or null for inf and nan. */
    private static BigDecimal exact(Number n) {
        if (Numbers.isInteger(n)) {
            return new BigDecimal(bigInteger(n));
        }
        if (n instanceof BigDecimal d) {
            return d;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? new BigDecimal(d) : null;
    }

    private static Object numberKey(Object value) {
        Number n = value instanceof Boolean b ? (b ? 1 : 0) : (Number) value;
        BigDecimal exact = exact(n);
        if (exact == null) {
            return Double.isNaN(n.doubleValue()) ? new Object() : n.doubleValue();
        }
        return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
    }

    private static boolean isSmallInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static BigInteger bigInteger(Object integer) {
        return integer instanceof BigInteger big ? big : BigInteger.valueOf(((Number) integer).longValue());
    }

    private static boolean sameItems(Collection<?> a, Collection<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<?> x = a.iterator();
        Iterator<?> y = b.iterator();
        while (x.hasNext()) {
            Object p = x.next();
            Object q = y.next();
            if (p != q && !equal(p, q)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameDict(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            Object key = findKey(b, entry.getKey());
            if (key == NO_KEY) {
                return false;
            }
            Object p = entry.getValue();
            Object q = b.get(key);
            if (p != q && !equal(p, q)) {
                return false;
            }
        }
        return true;
    }

    private enum NullKey { INSTANCE }

    private record TupleKey(List<Object> items) {}

    // The operators, installed by PythonicParser.

    static final AstBinary.Operator EQ = operator("==", (a, b) -> equal(a, b));
    static final AstBinary.Operator NE = operator("!=", (a, b) -> !equal(a, b));
    static final AstBinary.Operator IN = operator("in", (a, b) -> isIn(a, b));
    static final AstBinary.Operator NOT_IN = operator("not in", (a, b) -> !isIn(a, b));

    static final ExtensionHandler IN_HANDLER = comparison(IN);
    static final ExtensionHandler NOT_IN_HANDLER = comparison(NOT_IN);

    private interface Comparison {
        boolean test(Object a, Object b);
    }

    private static AstBinary.Operator operator(String image, Comparison comparison) {
        return new SimpleOperator() {
            @Override
            protected Object apply(TypeConverter converter, Object a, Object b) {
                return comparison.test(a, b);
            }

            @Override
            public String toString() {
                return image;
            }
        };
    }

    private static ExtensionHandler comparison(AstBinary.Operator operator) {
        return new ExtensionHandler(ExtensionPoint.CMP) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new AstBinary(children[0], children[1], operator);
            }
        };
    }
}
