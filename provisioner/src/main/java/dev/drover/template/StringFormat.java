package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's two string formatting styles: {@code '{} {name}'.format(...)} and {@code '%s' % ...} (the format filter). */
final class StringFormat {

    private StringFormat() {}

    private static final Pattern BRACE = Pattern.compile("\\{\\{|}}|\\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?}");
    private static final Pattern PERCENT = Pattern.compile("%(?:\\(([^)]*)\\))?([-+ 0#]*)(\\d+)?(?:\\.(\\d+))?([sdirfFxXoeEgGc%])");

    static String braces(String template, Object[] args) {
        Map<String, Object> named = new HashMap<>();
        java.util.List<Object> positional = new java.util.ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof NamedParameter p) {
                named.put(p.getName(), p.getValue());
            } else {
                positional.add(arg);
            }
        }
        Matcher m = BRACE.matcher(template);
        StringBuilder out = new StringBuilder();
        int auto = 0;
        while (m.find()) {
            String token = m.group();
            String replacement;
            if (token.equals("{{")) {
                replacement = "{";
            } else if (token.equals("}}")) {
                replacement = "}";
            } else {
                String field = m.group(1);
                Object value;
                if (field.isEmpty()) {
                    value = positional.get(auto++);
                } else if (field.chars().allMatch(Character::isDigit)) {
                    value = positional.get(Integer.parseInt(field));
                } else {
                    value = named.get(field);
                }
                replacement = m.group(2) == null || m.group(2).isEmpty() ? PythonRepr.str(value) : spec(value, m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String spec(Object value, String spec) {
        Matcher m = Pattern.compile("([<>^]?)(0?)(\\d*)(?:\\.(\\d+))?([dfsx]?)").matcher(spec);
        if (!m.matches()) {
            return PythonRepr.str(value);
        }
        String text;
        String type = m.group(5);
        if (type.equals("f") || (m.group(4) != null && type.isEmpty())) {
            text = String.format("%." + (m.group(4) == null ? "6" : m.group(4)) + "f", Numbers.asDouble(value));
        } else if (type.equals("x")) {
            text = Long.toHexString(((Number) value).longValue());
        } else {
            text = PythonRepr.str(value);
        }
        int width = m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3));
        if (text.length() >= width) {
            return text;
        }
        String align = m.group(1).isEmpty() ? (value instanceof Number ? ">" : "<") : m.group(1);
        String pad = (m.group(2).isEmpty() ? " " : "0").repeat(width - text.length());
        return align.equals("<") ? text + pad : pad + text;
    }

    /** Python's {@code template % args}, as Jinja's format filter uses it. */
    static String percent(String template, List<?> args, Map<String, Object> named) {
        Matcher m = PERCENT.matcher(template);
        StringBuilder out = new StringBuilder();
        int next = 0;
        while (m.find()) {
            String conversion = m.group(5);
            String replacement;
            if (conversion.equals("%")) {
                replacement = "%";
            } else {
                Object value = m.group(1) != null ? named.get(m.group(1)) : args.get(next++);
                String flags = m.group(2);
                String width = m.group(3) == null ? "" : m.group(3);
                String precision = m.group(4) == null ? "" : "." + m.group(4);
                replacement = switch (conversion) {
                    case "s" -> String.format("%" + flags.replace("0", "") + width + "s", PythonRepr.str(value));
                    case "r" -> String.format("%" + width + "s", PythonRepr.repr(value));
                    case "d", "i" -> String.format("%" + flags + width + "d", ((Number) Numbers.toInt(value, 0, 10)).longValue());
                    case "x", "X", "o" -> String.format("%" + flags + width + conversion, ((Number) Numbers.toInt(value, 0, 10)).longValue());
                    case "c" -> String.valueOf((char) ((Number) value).intValue());
                    default -> String.format("%" + flags + width + (precision.isEmpty() ? ".6" : precision) + conversion,
                            Numbers.asDouble(value));
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
