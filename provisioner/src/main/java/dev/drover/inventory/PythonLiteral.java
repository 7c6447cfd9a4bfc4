package dev.drover.inventory;

import java.util.regex.Pattern;

/** The Python literals Ansible's INI inventory turns values into: numbers, True/False/None, quoted strings. */
final class PythonLiteral {

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private PythonLiteral() {
    }

    static Object parse(String text) {
        if (text.contains("#")) {
            return text; // Ansible skips evaluation here, so a '#' in a password stays text
        }
        if (INT.matcher(text).matches()) {
            long value = Long.parseLong(text.replace("_", ""));
            return value == (int) value ? (Object) (int) value : (Object) value;
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        switch (text) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                break;
        }
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
