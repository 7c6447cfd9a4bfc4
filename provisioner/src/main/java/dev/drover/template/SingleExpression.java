package dev.drover.template;

/**
 * Recognises a string that is exactly one {@code {{ expr }}} (whitespace around it allowed),
 * whose value Ansible keeps native instead of turning into text.
 */
final class SingleExpression {

    private SingleExpression() {}

    /**
     * The expression inside, or null when the text is anything else. Trailing whitespace is
     * allowed (a YAML block scalar's newline), leading is not: Ansible renders "  {{ x }}" to text.
     */
    static String of(String text) {
        String t = text.stripTrailing();
        if (!t.startsWith("{{") || !t.endsWith("}}") || t.length() < 4) {
            return null;
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
