package dev.drover.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python's json.dumps, byte for byte: {@code ", "} and {@code ": "} separators unless indenting,
 * non-ASCII escaped as {@code \\uXXXX}, floats as Python prints them, optional sorted keys.
 * The to_json filters use it, and so does the copy module, which writes dict or list content
 * as Ansible does.
 */
public final class PythonJson {

    private final Integer indent;
    private final boolean sortKeys;
    private final String itemSeparator;
    private final String keySeparator;

    PythonJson(Integer indent, boolean sortKeys, String itemSeparator, String keySeparator) {
        this.indent = indent;
        this.sortKeys = sortKeys;
        this.itemSeparator = itemSeparator != null ? itemSeparator : indent == null ? ", " : ",";
        this.keySeparator = keySeparator != null ? keySeparator : ": ";
    }

    /** json.dumps(value) with Python's defaults. */
    public static String dumpsDefault(Object value) {
        return new PythonJson(null, false, null, null).dumps(value);
    }

    String dumps(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private void write(StringBuilder out, Object value, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof CharSequence || value instanceof com.hubspot.jinjava.objects.SafeString) {
            string(out, value.toString());
        } else if (Numbers.isFloat(value)) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : PythonRepr.floatRepr(d));
        } else if (value instanceof Number n) {
            out.append(n);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(out, map, level);
        } else if (value instanceof Collection<?> items) {
            writeList(out, items, level);
        } else if (value instanceof Undefined undefined) {
            throw undefined.failure();
        } else {
            throw new RenderFailure("Object of type " + PythonRepr.typeName(value) + " is not JSON serializable");
        }
    }

    private void writeList(StringBuilder out, Collection<?> items, int level) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(itemSeparator);
            }
            first = false;
            newline(out, level + 1);
            write(out, item, level + 1);
        }
        newline(out, level);
        out.append(']');
    }

    private void writeMap(StringBuilder out, Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (sortKeys) {
            entries.sort((a, b) -> Numbers.compare(a.getKey(), b.getKey()));
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : entries) {
            if (!first) {
                out.append(itemSeparator);
            }
            first = false;
            newline(out, level + 1);
            string(out, key(entry.getKey()));
            out.append(keySeparator);
            write(out, entry.getValue(), level + 1);
        }
        newline(out, level);
        out.append('}');
    }

    private static String key(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (Numbers.isFloat(key)) {
            return PythonRepr.floatRepr(((Number) key).doubleValue());
        }
        return key.toString();
    }

    private void newline(StringBuilder out, int level) {
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * level));
        }
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
