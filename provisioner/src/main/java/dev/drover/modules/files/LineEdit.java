package dev.drover.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * lineinfile's editing, with no host involved: given a file's text and the task's
 * arguments, the new text and the message Ansible would give.
 *
 * <p>Text is "bytes as chars" (see {@link PythonRegex}); lines keep their line endings,
 * like Python's {@code readlines()}, and an added line always ends with {@code \n}.
 * The order of the rules follows Ansible exactly, quirks included: a regexp or search
 * string match is replaced (the last one, or the first with {@code firstmatch}); else an
 * identical line means nothing to do; else the line goes after/before the last (or first)
 * insertafter/insertbefore match, or at the end.
 */
public final class LineEdit {

    /** What to look for and where to put the line; null fields are "not given". */
    public record Present(String regexp, String searchString, String line, String insertAfter, String insertBefore,
                          boolean backrefs, boolean firstMatch) {
    }

    /** The edited text, whether it differs, Ansible's msg, and for state=absent how many lines went. */
    public record Outcome(String text, boolean changed, String msg, int found) {
    }

    private LineEdit() {
    }

    /** Python's bytes.readlines(): split after every {@code \n}, keeping it. */
    public static List<String> readLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    /** state=present. {@code insertAfter} defaults to EOF when neither insert argument is given. */
    public static Outcome present(String text, Present args) throws FileModuleError {
        List<String> lines = readLines(text);
        String insertAfter = args.insertAfter();
        String insertBefore = args.insertBefore();
        if (insertAfter == null && insertBefore == null) {
            insertAfter = "EOF";
        }
        String line = PythonRegex.bytesOf(args.line());
        PythonRegex regexp = args.regexp() == null ? null : PythonRegex.compile(args.regexp());
        String search = args.searchString() == null ? null : PythonRegex.bytesOf(args.searchString());
        PythonRegex insertRe = null;
        if (insertAfter != null && !insertAfter.equals("BOF") && !insertAfter.equals("EOF")) {
            insertRe = PythonRegex.compile(insertAfter);
        } else if (insertBefore != null && !insertBefore.equals("BOF")) {
            insertRe = PythonRegex.compile(insertBefore);
        }

        int matchIndex = -1;
        int insertIndex = -1;
        Matcher match = null;
        boolean matched = false;

        if (regexp != null) {
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = regexp.matcher(lines.get(i));
                if (m.find()) {
                    matchIndex = i;
                    match = m;
                    matched = true;
                    if (args.firstMatch()) {
                        break;
                    }
                }
            }
        }
        if (search != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(search)) {
                    matchIndex = i;
                    matched = true;
                    if (args.firstMatch()) {
                        break;
                    }
                }
            }
        }
        if (!matched) {
            for (int i = 0; i < lines.size(); i++) {
                if (line.equals(stripEol(lines.get(i)))) {
                    matchIndex = i;
                } else if (insertRe != null && insertRe.search(lines.get(i))) {
                    if (insertAfter != null) {
                        insertIndex = i + 1;
                        if (args.firstMatch()) {
                            break;
                        }
                    }
                    if (insertBefore != null) {
                        insertIndex = i;
                        if (args.firstMatch()) {
                            break;
                        }
                    }
                }
            }
        }

        String msg = "";
        boolean changed = false;
        if (matchIndex != -1) {
            String newLine = args.backrefs() && match != null ? regexp.expand(match, line) : line;
            if (!newLine.endsWith("\n")) {
                newLine += "\n";
            }
            if (!lines.get(matchIndex).equals(newLine)) {
                lines.set(matchIndex, newLine);
                msg = "line replaced";
                changed = true;
            }
        } else if (args.backrefs()) {
            // Without a match there is nothing to fill the backreferences with: leave the file alone.
        } else if ("BOF".equals(insertBefore) || "BOF".equals(insertAfter)) {
            lines.add(0, line + "\n");
            msg = "line added";
            changed = true;
        } else if ("EOF".equals(insertAfter) || insertIndex == -1) {
            if (!lines.isEmpty() && !endsWithEol(lines.get(lines.size() - 1))) {
                lines.add("\n");
            }
            lines.add(line + "\n");
            msg = "line added";
            changed = true;
        } else if (insertAfter != null) {
            if (lines.size() == insertIndex) {
                if (!stripEol(lines.get(insertIndex - 1)).equals(line)) {
                    lines.add(line + "\n");
                    msg = "line added";
                    changed = true;
                }
            } else if (!line.equals(stripEol(lines.get(insertIndex)))) {
                lines.add(insertIndex, line + "\n");
                msg = "line added";
                changed = true;
            }
        } else {
            lines.add(insertIndex, line + "\n");
            msg = "line added";
            changed = true;
        }
        return new Outcome(String.join("", lines), changed, msg, 0);
    }

    /** state=absent: drops every line the regexp or search string matches, or that equals {@code line}. */
    public static Outcome absent(String text, String regexp, String searchString, String line) throws FileModuleError {
        PythonRegex re = regexp == null ? null : PythonRegex.compile(regexp);
        String search = searchString == null ? null : PythonRegex.bytesOf(searchString);
        String exact = line == null ? null : PythonRegex.bytesOf(line);
        List<String> kept = new ArrayList<>();
        int found = 0;
        for (String current : readLines(text)) {
            boolean matches;
            if (re != null) {
                matches = re.search(current);
            } else if (search != null) {
                matches = current.contains(search);
            } else {
                matches = stripEol(current).equals(exact);
            }
            if (matches) {
                found++;
            } else {
                kept.add(current);
            }
        }
        String msg = found > 0 ? found + " line(s) removed" : "";
        return new Outcome(String.join("", kept), found > 0, msg, found);
    }

    /** Python's {@code rstrip(b'\r\n')}. */
    static String stripEol(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean endsWithEol(String line) {
        return line.endsWith("\n") || line.endsWith("\r");
    }
}
