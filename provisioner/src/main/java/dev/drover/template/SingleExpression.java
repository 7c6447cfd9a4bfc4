package dev.drover.template;

/**
 * Recognises a string that is exactly one {@code {{ expr }}},
 * whose value Ansible keeps native instead of turning into text.
 */
final class SingleExpression {

    private SingleExpression() {}

    /**
     * The expression inside, or null when the text is anything else. The caller has already
     * dropped the last newline, as Jinja2 does. Whitespace around the expression makes it text
     * ({@code "{{ x }} "} renders to a string in Ansible) unless a dash strips it ({@code "{{ x -}} "}).
     */
    static String of(String text) {
        String t = text.strip();
        if (!t.startsWith("{{") || !t.endsWith("}}") || t.length() < 4) {
            return null;
        }
        if (t.length() != text.length()) {
            boolean leading = !text.startsWith("{{");
            boolean trailing = !text.endsWith("}}");
            if (leading && !t.startsWith("{{-") || trailing && !t.endsWith("-}}")) {
                return null;
            }
        }
        String inner = t.substring(2, t.length() - 2);
        if (inner.startsWith("-")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("-")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        // The expression must not close before the end: track quotes and braces.
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '{' -> {
                    if (depth == 0 && i + 1 < inner.length() && (inner.charAt(i + 1) == '{' || inner.charAt(i + 1) == '%')) {
                        return null;
                    }
                    depth++;
                }
                case '}' -> {
                    if (depth == 0) {
                        return null;
                    }
                    depth--;
                }
                default -> { }
            }
        }
        return quote == 0 && depth == 0 && !inner.isBlank() ? inner : null;
    }
}
