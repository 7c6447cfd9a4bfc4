package dev.drover.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PyYAML's {@code yaml.dump} as Ansible's to_yaml (flow style for collections of scalars) and
 * to_nice_yaml (block style, indent 4) call it: sorted keys, YAML 1.1 quoting of strings that
 * would read back as something else, lines folded past 80 columns, {@code ...} after a plain
 * root scalar.
 */
final class PythonYaml {

    private static final int BEST_WIDTH = 80;
    private static final Pattern BOOL = Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
            + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT = Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
            + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
            + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");
    private static final Pattern OTHER = Pattern.compile("<<|=");

    private final boolean flowLeaves;
    private final int indent;
    private final StringBuilder out = new StringBuilder();
    private int column;

    private PythonYaml(boolean flowLeaves, int indent) {
        this.flowLeaves = flowLeaves;
        this.indent = Math.max(2, Math.min(9, indent));
    }

    /** @param flowLeaves PyYAML's default_flow_style=None (to_yaml); false is default_flow_style=False (to_nice_yaml) */
    static String dump(Object value, boolean flowLeaves, int indent) {
        PythonYaml yaml = new PythonYaml(flowLeaves, indent);
        yaml.root(value);
        return yaml.out.toString();
    }

    private void root(Object value) {
        if (isBlock(value)) {
            if (value instanceof Map<?, ?> map) {
                blockMapping(map, 0, true);
            } else {
                blockSequence((Collection<?>) value, 0, true);
            }
            write("\n");
        } else if (value instanceof Map || value instanceof Collection) {
            flow(value, indent);
            write("\n");
        } else {
            // PyYAML would end a plain root scalar with "...", Ansible's dumper does not.
            scalar(value, indent, false, false);
            write("\n");
        }
    }

    /** Whether a collection is written in block style: non-empty, and (for to_yaml) holding a collection. */
    private boolean isBlock(Object value) {
        Collection<?> items = value instanceof Map<?, ?> map ? map.values() : value instanceof Collection<?> c ? c : null;
        if (items == null || items.isEmpty()) {
            return false;
        }
        if (!flowLeaves) {
            return true;
        }
        for (Object item : items) {
            if (item instanceof Map || item instanceof Collection) {
                return true;
            }
        }
        return false;
    }

    private void blockMapping(Map<?, ?> map, int at, boolean inline) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : sorted(map)) {
            if (!(first && inline)) {
                newline(at);
            }
            first = false;
            scalar(entry.getKey(), at + indent, true, false);
            write(":");
            Object value = entry.getValue();
            if (isBlock(value)) {
                if (value instanceof Map<?, ?> nested) {
                    blockMapping(nested, at + indent, false);
                } else {
                    blockSequence((Collection<?>) value, at, false);
                }
            } else {
                write(" ");
                valueOrFlow(value, at + indent);
            }
        }
    }

    private void blockSequence(Collection<?> items, int at, boolean inline) {
        boolean first = true;
        for (Object item : items) {
            if (!(first && inline)) {
                newline(at);
            }
            first = false;
            write("-");
            if (isBlock(item)) {
                padTo(at + indent);
                if (item instanceof Map<?, ?> nested) {
                    blockMapping(nested, at + indent, true);
                } else {
                    blockSequence((Collection<?>) item, at + indent, true);
                }
            } else {
                write(" ");
                valueOrFlow(item, at + indent);
            }
        }
    }

    private void valueOrFlow(Object value, int scalarIndent) {
        if (value instanceof Map || value instanceof Collection) {
            flow(value, scalarIndent);
        } else {
            scalar(value, scalarIndent, false, false);
        }
    }

    private void flow(Object value, int flowIndent) {
        if (value instanceof Map<?, ?> map) {
            write("{");
            boolean first = true;
            for (Map.Entry<?, ?> entry : sorted(map)) {
                if (!first) {
                    write(",");
                }
                if (column > BEST_WIDTH) {
                    newline(flowIndent);
                } else if (!first) {
                    write(" ");
                }
                first = false;
                scalar(entry.getKey(), flowIndent, true, true);
                write(": ");
                flowItem(entry.getValue(), flowIndent);
            }
            write("}");
        } else {
            write("[");
            boolean first = true;
            for (Object item : (Collection<?>) value) {
                if (!first) {
                    write(",");
                }
                if (column > BEST_WIDTH) {
                    newline(flowIndent);
                } else if (!first) {
                    write(" ");
                }
                first = false;
                flowItem(item, flowIndent);
            }
            write("]");
        }
    }

    private void flowItem(Object value, int flowIndent) {
        if (value instanceof Map || value instanceof Collection) {
            flow(value, flowIndent + indent);
        } else {
            scalar(value, flowIndent + indent, false, true);
        }
    }

    private static List<Map.Entry<?, ?>> sorted(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> Numbers.compare(a.getKey(), b.getKey()));
        return entries;
    }

    /** Writes a scalar; returns whether it was written plain. */
    private boolean scalar(Object value, int scalarIndent, boolean simpleKey, boolean inFlow) {
        if (value == null) {
            write("null");
            return true;
        }
        if (value instanceof Boolean b) {
            write(b ? "true" : "false");
            return true;
        }
        if (Numbers.isFloat(value)) {
            write(floatText(((Number) value).doubleValue()));
            return true;
        }
        if (value instanceof Number n) {
            write(n.toString());
            return true;
        }
        if (value instanceof Undefined undefined) {
            throw undefined.failure();
        }
        String text = PythonRepr.str(value);
        YamlScalar analysis = YamlScalar.of(text);
        boolean resolvesToString = !(BOOL.matcher(text).matches() || FLOAT.matcher(text).matches() || INT.matcher(text).matches()
                || NULL.matcher(text).matches() || TIMESTAMP.matcher(text).matches() || OTHER.matcher(text).matches());
        if (resolvesToString && !(simpleKey && (text.isEmpty() || analysis.multiline()))
                && (inFlow ? analysis.allowFlowPlain() : analysis.allowBlockPlain())) {
            plain(text, scalarIndent, !simpleKey);
            return true;
        }
        if (analysis.allowSingleQuoted() && !(simpleKey && analysis.multiline())) {
            singleQuoted(text, scalarIndent, !simpleKey);
        } else {
            doubleQuoted(text);
        }
        return false;
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        String repr = PythonRepr.floatRepr(d).toLowerCase();
        return !repr.contains(".") && repr.contains("e") ? repr.replaceFirst("e", ".0e") : repr;
    }

    private void plain(String text, int scalarIndent, boolean split) {
        int start = 0;
        boolean spaces = false;
        for (int end = 0; end <= text.length(); end++) {
            char ch = end < text.length() ? text.charAt(end) : 0;
            boolean atEnd = end == text.length();
            if (spaces) {
                if (atEnd || ch != ' ') {
                    if (start + 1 == end && column > BEST_WIDTH && split) {
                        newline(scalarIndent);
                    } else {
                        write(text.substring(start, end));
                    }
                    start = end;
                }
            } else if (atEnd || ch == ' ') {
                write(text.substring(start, end));
                start = end;
            }
            if (!atEnd) {
                spaces = ch == ' ';
            }
        }
    }

    private void singleQuoted(String text, int scalarIndent, boolean split) {
        write("'");
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= text.length(); end++) {
            boolean atEnd = end == text.length();
            char ch = atEnd ? 0 : text.charAt(end);
            if (spaces) {
                if (atEnd || ch != ' ') {
                    if (start + 1 == end && column > BEST_WIDTH && split && start != 0 && !atEnd) {
                        newline(scalarIndent);
                    } else {
                        write(text.substring(start, end));
                    }
                    start = end;
                }
            } else if (breaks) {
                if (atEnd || ch != '\n') {
                    if (text.charAt(start) == '\n') {
                        write("\n");
                    }
                    for (int i = start; i < end; i++) {
                        write("\n");
                    }
                    padTo(scalarIndent);
                    start = end;
                }
            } else if (atEnd || ch == ' ' || ch == '\n' || ch == '\'') {
                if (start < end) {
                    write(text.substring(start, end));
                    start = end;
                }
            }
            if (ch == '\'') {
                write("''");
                start = end + 1;
            }
            if (!atEnd) {
                spaces = ch == ' ';
                breaks = ch == '\n';
            }
        }
        write("'");
    }

    private void doubleQuoted(String text) {
        StringBuilder s = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case 0 -> s.append("\\0");
                case 7 -> s.append("\\a");
                case 8 -> s.append("\\b");
                case 9 -> s.append("\\t");
                case 10 -> s.append("\\n");
                case 11 -> s.append("\\v");
                case 12 -> s.append("\\f");
                case 13 -> s.append("\\r");
                case 27 -> s.append("\\e");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case 0x85 -> s.append("\\N");
                case 0xA0 -> s.append("\\_");
                case 0x2028 -> s.append("\\L");
                case 0x2029 -> s.append("\\P");
                default -> {
                    if (YamlScalar.printable(cp)) {
                        s.appendCodePoint(cp);
                    } else if (cp <= 0xFF) {
                        s.append(String.format("\\x%02X", cp));
                    } else if (cp <= 0xFFFF) {
                        s.append(String.format("\\u%04X", cp));
                    } else {
                        s.append(String.format("\\U%08X", cp));
                    }
                }
            }
        });
        write(s.append('"').toString());
    }

    private void newline(int at) {
        write("\n");
        padTo(at);
    }

    private void padTo(int at) {
        if (column < at) {
            write(" ".repeat(at - column));
        }
    }

    private void write(String text) {
        out.append(text);
        int lastBreak = text.lastIndexOf('\n');
        column = lastBreak >= 0 ? text.length() - lastBreak - 1 : column + text.length();
    }
}
