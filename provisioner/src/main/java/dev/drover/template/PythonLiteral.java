package dev.drover.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code ast.literal_eval} for the values Ansible converts rendered text back into:
 * a result that starts with {@code [} or {@code {}, or is exactly {@code True}/{@code False},
 * becomes a list, dict or bool when it parses (JSON's true/false/null are accepted too).
 */
final class PythonLiteral {

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** Ansible's eval-concat rule: convert the rendered text if it looks like a literal. */
    static Object convertRendered(String rendered) {
        if (rendered.equals("True")) {
            return Boolean.TRUE;
        }
        if (rendered.equals("False")) {
            return Boolean.FALSE;
        }
        if (rendered.startsWith("[") || rendered.startsWith("{")) {
            return parseOr(rendered, rendered);
        }
        return rendered;
    }

    /** The literal's value, or {@code fallback} when the text is not exactly one Python literal. */
    static Object parseOr(String text, Object fallback) {
        PythonLiteral parser = new PythonLiteral(text);
        try {
            Object value = parser.value();
            parser.skipSpace();
            return parser.pos == text.length() ? value : fallback;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return fallback;
        }
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(pos);
        switch (c) {
            case '[':
                pos++;
                return sequence(']');
            case '(':
                pos++;
                List<Object> items = sequence(')');
                return Tuples.copyOf(items);
            case '{':
                pos++;
                return mapping();
            case '\'':
            case '"':
                return string();
            default:
                if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                    return number();
                }
                return name();
        }
    }

    private List<Object> sequence(char close) {
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (text.charAt(pos) == close) {
                pos++;
                return items;
            }
            items.add(value());
            skipSpace();
            char c = text.charAt(pos++);
            if (c == close) {
                return items;
            }
            if (c != ',') {
                throw new IllegalArgumentException();
            }
        }
    }

    private Map<Object, Object> mapping() {
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (text.charAt(pos) == '}') {
                pos++;
                return map;
            }
            Object key = value();
            if (key instanceof List || key instanceof Map) {
                throw new IllegalArgumentException();
            }
            skipSpace();
            if (text.charAt(pos++) != ':') {
                throw new IllegalArgumentException();
            }
            map.put(key, value());
            skipSpace();
            char c = text.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new IllegalArgumentException();
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                throw new IllegalArgumentException();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case '\\', '\'', '"' -> out.append(e);
                case '\n' -> { }
                case 'x' -> out.append((char) hex(2));
                case 'u' -> out.append((char) hex(4));
                case 'U' -> out.appendCodePoint(hex(8));
                default -> out.append('\\').append(e);
            }
        }
    }

    private int hex(int digits) {
        int value = Integer.parseInt(text.substring(pos, pos + digits), 16);
        pos += digits;
        return value;
    }

    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == '_'
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && Character.toLowerCase(text.charAt(pos - 1)) == 'e'))) {
            pos++;
        }
        String token = text.substring(start, pos).replace("_", "");
        try {
            if (token.matches("[-+]?\\d+")) {
                return Numbers.normalize(new BigInteger(token));
            }
            if (token.matches("[-+]?0[xX][0-9a-fA-F]+")) {
                boolean negative = token.startsWith("-");
                return Numbers.normalize(new BigInteger(token.replaceFirst("^[-+]?0[xX]", ""), 16).multiply(BigInteger.valueOf(negative ? -1 : 1)));
            }
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Object name() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        return switch (text.substring(start, pos)) {
            case "True", "true" -> Boolean.TRUE;
            case "False", "false" -> Boolean.FALSE;
            case "None", "null" -> null;
            default -> throw new IllegalArgumentException();
        };
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
