package dev.drover.modules.files;

import dev.drover.transport.ShellQuote;

/**
 * File content written by the shell's own printf instead of coming over stdin: a file's
 * bytes as a printf format (every byte that is not printable ASCII as a three-digit octal
 * escape, {@code %} and {@code \} doubled), so a write needs no {@code base64} and no
 * {@code cat} process, and works for any bytes, NUL included.
 *
 * <p>Only for content small enough to sit in a command line: a command may reach the host
 * as one argument of {@code sudo sh -c}, which Linux limits to 128 KiB.
 */
final class PrintfText {

    /** The largest format (as quoted for the shell) put in a script; larger content goes over stdin. */
    static final int MAX_FORMAT = 32 * 1024;

    private PrintfText() {
    }

    /**
     * The shell command writing {@code bytes} to standard output ({@code printf WORD}), or null
     * when the content is too large to inline.
     */
    static String command(byte[] bytes) {
        String word = word(bytes);
        // A format starting with "-" would be read as an option.
        return word == null ? null : bytes.length > 0 && bytes[0] == '-' ? "printf -- " + word : "printf " + word;
    }

    /** A shell word for {@code printf WORD}, or null when the content is too large to inline. */
    static String word(byte[] bytes) {
        if (bytes.length > MAX_FORMAT) {
            return null;
        }
        StringBuilder format = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '%') {
                format.append("%%");
            } else if (c == '\\') {
                format.append("\\\\");
            } else if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t') {
                format.append((char) c);
            } else {
                format.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            }
            if (format.length() > MAX_FORMAT) {
                return null;
            }
        }
        String word = format.length() == 0 ? "''" : ShellQuote.quote(format.toString());
        // Quoting makes a single quote five characters: the limit is on what the command line carries.
        return word.length() > MAX_FORMAT ? null : word;
    }
}
