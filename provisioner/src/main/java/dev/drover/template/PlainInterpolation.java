package dev.drover.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The commonest template after a lone reference is text with references in it:
 * {@code /srv/{{ app }}/{{ inventory_hostname }}.conf}. Such a template is rendered here without
 * building a Jinjava interpreter (which costs more than the render itself): each reference is
 * read as {@link DirectReference} reads it and printed as the interpreter prints it (Python's
 * str, None as nothing). Anything else returns null and Jinjava renders the template: a tag, a
 * comment, a filter or any other expression, whitespace control, an undefined value, or a value
 * that is not a string, number, bool or None.
 */
final class PlainInterpolation {

    private PlainInterpolation() {}

    /** The rendered text, or null when Jinjava must render it. */
    static String render(String template, RenderSession session) {
        if (template.contains("{%") || template.contains("{#")) {
            return null;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int at = 0;
        int open;
        while ((open = template.indexOf("{{", at)) >= 0) {
            int close = template.indexOf("}}", open + 2);
            if (close < 0 || !plainText(template, at, open)) {
                return null;
            }
            Object value = DirectReference.evaluate(template.substring(open + 2, close), session);
            if (!printable(value)) {
                return null;
            }
            out.append(template, at, open);
            if (value != null) {
                out.append(PythonRepr.str(value));
            }
            at = close + 2;
        }
        if (!plainText(template, at, template.length())) {
            return null;
        }
        return out.append(template, at, template.length()).toString();
    }

    /** Text with no stray expression end in it, which would be worth Jinjava's own judgement. */
    private static boolean plainText(String template, int from, int to) {
        int end = template.indexOf("}}", from);
        return end < 0 || end >= to;
    }

    private static boolean printable(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof Double
                || value instanceof BigDecimal;
    }
}
