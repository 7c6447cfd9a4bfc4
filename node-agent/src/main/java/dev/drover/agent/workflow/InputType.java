package dev.drover.agent.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kind of value a workflow input takes ({@code type:} in its file). A value given as text
 * where a number or a boolean is wanted (a form field, {@code -e count=3} read as text) is read
 * as one; anything else of the wrong kind is refused before the run starts.
 */
public enum InputType {
    STRING("text"),
    NUMBER("a number"),
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    LIST("a list"),
    MAP("a mapping");

    private final String words;

    InputType(String words) {
        this.words = words;
    }

    /** Its name in a workflow file. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a value of this type is, for messages: "a whole number". */
    public String words() {
        return words;
    }

    public static Optional<InputType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.fileName().equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(InputType::fileName).collect(Collectors.joining(", "));
    }

    /** The value as this type, or empty when it is not one (and cannot be read as one). */
    public Optional<Object> accept(Object value) {
        return Optional.ofNullable(switch (this) {
            case STRING -> value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
            case NUMBER -> value instanceof Number ? value : value instanceof String text ? number(text) : null;
            case INTEGER -> integer(value instanceof String text ? number(text) : value);
            case BOOLEAN -> value instanceof Boolean ? value : value instanceof String text ? bool(text) : null;
            case LIST -> value instanceof List<?> ? value : null;
            case MAP -> value instanceof Map<?, ?> ? value : null;
        });
    }

    private static Number number(String text) {
        String t = text.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notWhole) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
    }

    private static Long integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15) {
            return n.longValue();
        }
        return null;
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }
}
