package dev.drover.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backslashes in a playbook's string literals inside {@code {{ }}} mean themselves. YAML has
 * already read its own escapes by then, so Ansible doubles every backslash in those literals
 * before Jinja2 decodes them once more: {@code "{{ x | regex_replace('\\.', '-') }}"} in a
 * playbook is the regex {@code \.}, and {@code '\n'} there is a backslash and an n. Only
 * {@code {{ }}} is treated so, only in text that holds one, and never a template file
 * (the template module and lookup read those as Jinja2 does).
 */
final class PlaybookBackslashes {

    private static final Pattern RAW_BLOCK =
            Pattern.compile("\\{%[-+]?\\s*raw\\s*[-+]?%}.*?\\{%[-+]?\\s*endraw\\s*[-+]?%}", Pattern.DOTALL);

    private PlaybookBackslashes() {
    }

    /** The text as Jinja2 must read it: backslashes doubled in string literals of its {{ }} expressions. */
    static String doubled(String text) {
        if (text.indexOf('\\') < 0 || !text.contains("{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            if (open < 0 || open + 1 >= text.length()) {
                break;
            }
            char kind = text.charAt(open + 1);
            out.append(text, at, open);
            at = switch (kind) {
                case '{' -> expression(text, open + 2, "}}", true, out.append("{{"));
                case '%' -> block(text, open, out);
                case '#' -> through(text, open, "#}", out);
                default -> {
                    out.append('{');
                    yield open + 1;
                }
            };
        }
        return out.append(text, Math.min(at, text.length()), text.length()).toString();
    }

    /** A {% %} tag, or a whole raw block, copied as it is. */
    private static int block(String text, int open, StringBuilder out) {
        Matcher raw = RAW_BLOCK.matcher(text).region(open, text.length());
        if (raw.lookingAt()) {
            out.append(raw.group());
            return raw.end();
        }
        return expression(text, open + 2, "%}", false, out.append("{%"));
    }

    private static int through(String text, int open, String end, StringBuilder out) {
        int close = text.indexOf(end, open + 2);
        int stop = close < 0 ? text.length() : close + end.length();
        out.append(text, open, stop);
        return stop;
    }

    /**
     * Copies an expression up to and including {@code end}, which counts only outside string
     * literals and brackets (as Jinja2's lexer reads {@code {{ {'a': 1}}}}), doubling the
     * backslashes of its literals when asked.
     */
    private static int expression(String text, int from, String end, boolean doubling, StringBuilder out) {
        int depth = 0;
        int at = from;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (depth == 0 && text.startsWith(end, at)) {
                out.append(end);
                return at + end.length();
            }
            if (c == '\'' || c == '"') {
                at = literal(text, at, doubling, out);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            out.append(c);
            at++;
        }
        return at;
    }

    /** A string literal as Jinja2's lexer finds its end (a backslash takes the next character along). */
    private static int literal(String text, int open, boolean doubling, StringBuilder out) {
        char quote = text.charAt(open);
        int at = open + 1;
        while (at < text.length() && text.charAt(at) != quote) {
            at += text.charAt(at) == '\\' ? 2 : 1;
        }
        if (at >= text.length()) { // not a literal after all: Jinja2 will say so
            out.append(quote);
            return open + 1;
        }
        String whole = text.substring(open, at + 1);
        out.append(doubling ? whole.replace("\\", "\\\\") : whole);
        return at + 1;
    }
}
