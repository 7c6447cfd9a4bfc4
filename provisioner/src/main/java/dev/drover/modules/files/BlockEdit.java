package dev.drover.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * blockinfile's editing, with no host involved. A block is the text between two marker
 * lines; if both markers are found the block between them (markers included) is replaced
 * or removed in place, otherwise it is inserted after the last insertafter match, before
 * the last insertbefore match, at BOF, or at EOF (the default, and also where it goes when
 * the insert pattern matches nothing).
 *
 * <p>Text is "bytes as chars" (see {@link PythonRegex}).
 */
public final class BlockEdit {

    /** The task's arguments; {@code original} is null when the file does not exist. */
    public record Request(String original, boolean present, String block, String marker, String markerBegin,
                          String markerEnd, String insertAfter, String insertBefore) {
    }

    /** The new text, whether it differs from the original, and Ansible's msg. */
    public record Outcome(String text, boolean changed, String msg) {
    }

    private BlockEdit() {
    }

    public static Outcome apply(Request request) throws FileModuleError {
        String original = request.original();
        List<String> lines = original == null ? new ArrayList<>() : splitLines(original);
        String insertAfter = request.insertAfter();
        String insertBefore = request.insertBefore();
        if (insertAfter == null && insertBefore == null) {
            insertAfter = "EOF";
        }
        PythonRegex insertRe = null;
        if (insertAfter != null && !insertAfter.equals("EOF")) {
            insertRe = PythonRegex.compile(insertAfter);
        } else if (insertBefore != null && !insertBefore.equals("BOF")) {
            insertRe = PythonRegex.compile(insertBefore);
        }

        String marker = PythonRegex.bytesOf(request.marker());
        String begin = marker.replace("{mark}", PythonRegex.bytesOf(request.markerBegin())) + "\n";
        String end = marker.replace("{mark}", PythonRegex.bytesOf(request.markerEnd())) + "\n";
        String block = PythonRegex.bytesOf(request.block() == null ? "" : request.block());
        List<String> blockLines = new ArrayList<>();
        if (request.present() && !block.isEmpty()) {
            if (!block.endsWith("\n")) {
                block += "\n";
            }
            blockLines.add(begin);
            blockLines.addAll(splitLines(block));
            blockLines.add(end);
        }

        Integer n0 = null;
        Integer n1 = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(begin)) {
                n0 = i;
            }
            if (lines.get(i).equals(end)) {
                n1 = i;
            }
        }

        int at;
        if (n0 == null || n1 == null) {
            Integer found = null;
            if (insertRe != null) {
                if (insertRe.multiline()) {
                    String whole = original == null ? "" : original;
                    Matcher m = insertRe.matcher(whole);
                    if (m.find()) {
                        found = count(whole, insertAfter != null ? m.end() : m.start());
                    }
                } else {
                    for (int i = 0; i < lines.size(); i++) {
                        if (insertRe.search(lines.get(i))) {
                            found = i;
                        }
                    }
                }
                if (found == null) {
                    at = lines.size();
                } else {
                    at = insertAfter != null ? found + 1 : found;
                }
            } else if (insertBefore != null) {
                at = 0;
            } else {
                at = lines.size();
            }
        } else if (n0 < n1) {
            lines.subList(n0, n1 + 1).clear();
            at = n0;
        } else {
            lines.subList(n1, n0 + 1).clear();
            at = n1;
        }

        if (at > 0 && !lines.get(at - 1).endsWith("\n")) {
            lines.set(at - 1, lines.get(at - 1) + "\n");
        }
        lines.addAll(at, blockLines);
        String result = String.join("", lines);

        if (result.equals(original)) {
            return new Outcome(result, false, "");
        } else if (original == null) {
            return new Outcome(result, true, "File created");
        } else if (blockLines.isEmpty()) {
            return new Outcome(result, true, "Block removed");
        }
        return new Outcome(result, true, "Block inserted");
    }

    /** Python's bytes.splitlines(keepends=True): lines end at \n, \r\n or \r. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
                lines.add(text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static int count(String text, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
