package dev.drover.template;

/**
 * What a Jinja2 string literal means: its text between the quotes, with backslash escapes
 * decoded as Python's {@code unicode-escape} codec decodes them (Jinja2 does exactly that).
 * So {@code '\n'} is a newline and {@code '\x41'} is {@code A}, while an escape Python does
 * not know, such as {@code '\.'} or {@code '\d'} in a regex, keeps its backslash.
 */
public final class PythonStringEscapes {

    /** The escapes Ansible's parse_kv decodes in key=value arguments (its _ESCAPE_SEQUENCE_RE). */
    private static final java.util.regex.Pattern KEY_VALUE_ESCAPE = java.util.regex.Pattern.compile(
            "\\\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|N\\{[^}]+}|[\\\\'\"abfnrtv])");

    private PythonStringEscapes() {
    }

    /**
     * {@code text} with the escapes Ansible decodes in a {@code key=value} word decoded
     * ({@code msg="say \"hi\""}); anything else, and an escape Python cannot decode, stays as written.
     */
    public static String decodeKeyValueEscapes(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        java.util.regex.Matcher escape = KEY_VALUE_ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (escape.find()) {
            out.append(text, last, escape.start());
            StringBuilder decoded = new StringBuilder();
            try {
                decode(text, escape.start(), decoded);
                out.append(decoded);
            } catch (BadEscape e) {
                out.append(escape.group());
            }
            last = escape.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** A literal whose escapes cannot be decoded ({@code \x4}, {@code \N{nonsense}}), as Python words it. */
    static final class BadEscape extends Exception {
        private static final long serialVersionUID = 1L;
        /** Where the escape's backslash is in the scanned input. */
        final int position;

        BadEscape(int position, String message) {
            super(message);
            this.position = position;
        }
    }

    /**
     * Decodes the escape whose backslash is at {@code at} in {@code input}, appending what it
     * means to {@code out}; answers where the text after the escape starts.
     */
    static int decode(String input, int at, StringBuilder out) throws BadEscape {
        char c = input.charAt(at + 1);
        int after = at + 2;
        switch (c) {
            case '\n' -> { } // a line continuation: both characters go
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> after = hex(input, at, 2, "truncated \\xXX escape", out);
            case 'u' -> after = hex(input, at, 4, "truncated \\uXXXX escape", out);
            case 'U' -> after = hex(input, at, 8, "truncated \\UXXXXXXXX escape", out);
            case 'N' -> after = named(input, at, out);
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = at + 1;
                    while (end < input.length() && end < at + 4 && input.charAt(end) >= '0' && input.charAt(end) <= '7') {
                        end++;
                    }
                    out.appendCodePoint(Integer.parseInt(input, at + 1, end, 8));
                    after = end;
                } else {
                    out.append('\\').append(c); // not an escape Python knows: the backslash stays
                }
            }
        }
        return after;
    }

    private static int hex(String input, int at, int digits, String truncated, StringBuilder out) throws BadEscape {
        int start = at + 2;
        int end = start + digits;
        if (end > input.length() || !input.substring(start, end).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new BadEscape(at, truncated);
        }
        int codePoint = (int) Long.parseLong(input, start, end, 16);
        if (!Character.isValidCodePoint(codePoint)) {
            throw new BadEscape(at, "illegal Unicode character");
        }
        out.appendCodePoint(codePoint);
        return end;
    }

    private static int named(String input, int at, StringBuilder out) throws BadEscape {
        int close = input.indexOf('}', at + 3);
        if (at + 2 >= input.length() || input.charAt(at + 2) != '{' || close < 0) {
            throw new BadEscape(at, "malformed \\N character escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(input.substring(at + 3, close)));
        } catch (IllegalArgumentException e) {
            throw new BadEscape(at, "unknown Unicode character name");
        }
        return close + 1;
    }
}
