package dev.drover.template;

/**
 * Jinjava's scanner ends an expression at the first {@code }}}, so a dict literal closing
 * right before it ({@code {{ x | combine({'a': {'b': 1}}) }}}) is cut short; Jinja2 counts
 * braces. Here a space goes between a dict's closing brace and a following brace, which
 * changes nothing else. Raw blocks and comments are left as written.
 */
final class ExpressionBraces {

    private ExpressionBraces() {}

    static String separate(String text) {
        if (!text.contains("}}}") && count(text, "}}") <= count(text, "{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.startsWith("{#", i)) {
                int end = text.indexOf("#}", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(text, i, end);
                i = end;
            } else if (text.startsWith("{%", i) && isRawTag(text, i)) {
                int end = text.indexOf("endraw", i);
                end = end < 0 ? n : Math.max(end, text.indexOf("%}", end) + 2);
                out.append(text, i, end);
                i = end;
            } else if (text.startsWith("{{", i)) {
                i = expression(text, i, out);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int expression(String text, int start, StringBuilder out) {
        out.append("{{");
        int depth = 0;
        char quote = 0;
        int j = start + 2;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && j + 1 < text.length()) {
                    out.append(text.charAt(++j));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == '{') {
                depth++;
                out.append(c);
            } else if (c == '}') {
                if (depth == 0) {
                    return j;
                }
                depth--;
                out.append(c);
                if (j + 1 < text.length() && text.charAt(j + 1) == '}') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
            j++;
        }
        return j;
    }

    private static boolean isRawTag(String text, int at) {
        int end = text.indexOf("%}", at);
        return end > 0 && text.substring(at + 2, end).replace("-", "").strip().equals("raw");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
