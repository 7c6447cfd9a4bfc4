package dev.drover.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Comparator;

/** Python's number conversions and ordering, for the int/float/round filters and for sorting. */
final class Numbers {

    private Numbers() {}

    /** Integers in the smallest of Integer, Long, BigInteger, as the YAML loader produces them. */
    static Object normalize(Object value) {
        if (value instanceof BigInteger big) {
            return big.bitLength() < 32 ? (Object) big.intValue() : big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        return value;
    }

    static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte;
    }

    static boolean isFloat(Object value) {
        return value instanceof Double || value instanceof Float || value instanceof BigDecimal;
    }

    static boolean isNumber(Object value) {
        return isInteger(value) || isFloat(value);
    }

    /** Jinja's int filter: parse in the base, else via float, else the default. */
    static Object toInt(Object value, Object fallback, int base) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (isInteger(value)) {
            return normalize(value);
        }
        if (isFloat(value)) {
            return normalize(new BigDecimal(((Number) value).doubleValue()).toBigInteger());
        }
        String text = value == null ? "None" : PythonRepr.str(value).trim().replace("_", "");
        try {
            String digits = text;
            if (base == 16 && digits.matches("(?i)[-+]?0x.*")) {
                digits = digits.replaceFirst("(?i)0x", "");
            } else if (base == 8 && digits.matches("(?i)[-+]?0o.*")) {
                digits = digits.replaceFirst("(?i)0o", "");
            } else if (base == 2 && digits.matches("(?i)[-+]?0b.*")) {
                digits = digits.replaceFirst("(?i)0b", "");
            }
            return normalize(new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits, base));
        } catch (NumberFormatException e) {
            try {
                return normalize(new BigDecimal(Double.parseDouble(text)).toBigInteger());
            } catch (NumberFormatException again) {
                return fallback;
            }
        }
    }

    /** Jinja's float filter. */
    static Object toFloat(Object value, Object fallback) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value == null) {
            return fallback;
        }
        String text = PythonRepr.str(value).trim().toLowerCase();
        switch (text) {
            case "inf", "+inf", "infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        try {
            if (!text.matches("[-+]?(\\d[\\d_]*)?(\\.\\d*)?(e[-+]?\\d+)?") || text.isEmpty()) {
                return fallback;
            }
            return Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Python's round(): half to even on the exact binary value; ints stay ints when precision is 0. */
    static Object round(Object value, int precision, String method) {
        if (!isNumber(value)) {
            throw new RenderFailure("round expects a number, got " + PythonRepr.typeName(value));
        }
        BigDecimal exact = isInteger(value) ? new BigDecimal(value.toString()) : new BigDecimal(((Number) value).doubleValue());
        RoundingMode mode = switch (method) {
            case "common" -> RoundingMode.HALF_EVEN;
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> throw new RenderFailure("method must be common, ceil or floor");
        };
        if (method.equals("common") && !isFloat(value)) {
            return normalize(value);
        }
        if (method.equals("common")) {
            // Python rounds the shortest repr's exact binary value, half to even.
            return exact.setScale(precision, mode).doubleValue();
        }
        return exact.setScale(precision, mode).doubleValue();
    }

    static double asDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new RenderFailure("expected a number, got " + PythonRepr.typeName(value) + " " + PythonRepr.repr(value));
    }

    static Object add(Object a, Object b) {
        if (a instanceof Boolean x) {
            a = x ? 1 : 0;
        }
        if (b instanceof Boolean y) {
            b = y ? 1 : 0;
        }
        if (isInteger(a) && isInteger(b)) {
            return normalize(new BigInteger(a.toString()).add(new BigInteger(b.toString())));
        }
        if (isNumber(a) && isNumber(b)) {
            return asDouble(a) + asDouble(b);
        }
        throw new RenderFailure("unsupported operand type(s) for +: '" + PythonRepr.typeName(a) + "' and '" + PythonRepr.typeName(b) + "'");
    }

    /** Python 3 ordering: numbers with numbers, strings with strings, lists element-wise. */
    static final Comparator<Object> PYTHON_ORDER = Numbers::compare;

    @SuppressWarnings("unchecked")
    static int compare(Object a, Object b) {
        if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number || b instanceof Boolean)) {
            if (isInteger(a) && isInteger(b)) {
                return new BigInteger(a.toString()).compareTo(new BigInteger(b.toString()));
            }
            return Double.compare(asDouble(a), asDouble(b));
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return compareCodePoints(a.toString(), b.toString());
        }
        if (a instanceof java.util.List<?> x && b instanceof java.util.List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new RenderFailure("'<' not supported between instances of '" + PythonRepr.typeName(a) + "' and '"
                + PythonRepr.typeName(b) + "'");
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
