package dev.drover.transport;

import java.util.List;
import java.util.regex.Pattern;

/** Quoting for POSIX sh: how every value reaches a remote command line safely. */
public final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    /** Single-quotes {@code value} unless it is made only of characters sh never interprets. */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }
}
