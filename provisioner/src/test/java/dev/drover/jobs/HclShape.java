package dev.drover.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What hcl4j lets through, checked by hand: hcl4j (0.9.8) accepts a missing or extra closing
 * brace, an unbalanced bracket and an unterminated heredoc without a word, dropping what
 * follows. This scanner walks a Nomad job file as HCL's lexer would (strings, ${...}
 * interpolations, comments, heredocs) and reports, with line and column: brackets that do not
 * pair, strings or heredocs left open, and blocks Nomad does not know or that sit in a block
 * Nomad does not allow them in.
 */
final class HclShape {

    /** A Nomad jobspec block and the blocks it may appear in ("" is the top of the file). */
    private static final Map<String, Set<String>> PARENTS = Map.ofEntries(
            Map.entry("job", Set.of("")),
            Map.entry("group", Set.of("job")),
            Map.entry("task", Set.of("group")),
            Map.entry("meta", Set.of("job", "group", "task", "service")),
            Map.entry("constraint", Set.of("job", "group", "task")),
            Map.entry("affinity", Set.of("job", "group", "task")),
            Map.entry("spread", Set.of("job", "group")),
            Map.entry("update", Set.of("job", "group")),
            Map.entry("reschedule", Set.of("job", "group")),
            Map.entry("migrate", Set.of("job", "group")),
            Map.entry("periodic", Set.of("job")),
            Map.entry("parameterized", Set.of("job")),
            Map.entry("dispatch_payload", Set.of("task")),
            Map.entry("network", Set.of("group", "resources")),
            Map.entry("port", Set.of("network")),
            Map.entry("dns", Set.of("network")),
            Map.entry("service", Set.of("group", "task")),
            Map.entry("check", Set.of("service")),
            Map.entry("check_restart", Set.of("service", "check")),
            Map.entry("volume", Set.of("group")),
            Map.entry("volume_mount", Set.of("task")),
            Map.entry("ephemeral_disk", Set.of("group")),
            Map.entry("restart", Set.of("group", "task")),
            Map.entry("config", Set.of("task")),
            Map.entry("resources", Set.of("task")),
            Map.entry("template", Set.of("task")),
            Map.entry("artifact", Set.of("task")),
            Map.entry("env", Set.of("task")),
            Map.entry("logs", Set.of("task")),
            Map.entry("lifecycle", Set.of("task")),
            Map.entry("vault", Set.of("job", "group", "task")));

    private HclShape() {
    }

    /** The problems found, each "line L col C: what"; empty when the shape is sound. */
    static List<String> problems(String text) {
        return new Scanner(text).scan();
    }

    private static final class Scanner {
        private final String text;
        private final List<String> problems = new ArrayList<>();
        /** Open brackets: the character, where, and for '{' the block's name ("=" for an object value). */
        private final Deque<Open> open = new ArrayDeque<>();
        private int pos;
        private int line = 1;
        private int lineStart;

        Scanner(String text) {
            this.text = text;
        }

        List<String> scan() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '#' || text.startsWith("//", pos)) {
                    skipToEndOfLine();
                } else if (text.startsWith("/*", pos)) {
                    skipBlockComment();
                } else if (c == '"') {
                    skipString();
                } else if (text.startsWith("<<", pos)) {
                    skipHeredoc();
                } else if (c == '{' || c == '[' || c == '(') {
                    open.push(new Open(c, line, column(), c == '{' ? blockName() : ""));
                    pos++;
                } else if (c == '}' || c == ']' || c == ')') {
                    close(c);
                    pos++;
                } else {
                    advance();
                }
            }
            for (Open o : open) {
                problems.add("line " + o.line + " col " + o.column + ": '" + o.bracket + "' is never closed");
            }
            return problems;
        }

        /** The block name before a '{': `name "label" ... {`; "=" when the brace opens a value. */
        private String blockName() {
            int lineBegin = text.lastIndexOf('\n', pos - 1) + 1;
            String head = text.substring(lineBegin, pos).strip();
            if (head.isEmpty() || head.endsWith("=") || head.endsWith("(") || head.endsWith(",") || head.endsWith("[")) {
                return "=";
            }
            String name = head.split("[\\s\"]", 2)[0];
            String parent = enclosingBlock();
            Set<String> parents = PARENTS.get(name);
            if (parents == null) {
                problems.add("line " + line + " col " + (column() - head.length()) + ": unknown block '" + name + "'");
            } else if (!parents.contains(parent) && !parent.equals("config") && !parent.equals("=")) {
                problems.add("line " + line + ": block '" + name + "' inside "
                        + (parent.isEmpty() ? "the top level" : "'" + parent + "'") + ", Nomad takes it in " + parents);
            }
            return name;
        }

        private String enclosingBlock() {
            for (Open o : open) {
                if (o.bracket == '{') {
                    return o.block;
                }
            }
            return "";
        }

        private void close(char c) {
            char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
            if (open.isEmpty()) {
                problems.add("line " + line + " col " + column() + ": '" + c + "' closes nothing");
            } else if (open.peek().bracket != expected) {
                Open o = open.pop();
                problems.add("line " + line + " col " + column() + ": '" + c + "' closes '" + o.bracket
                        + "' of line " + o.line);
            } else {
                open.pop();
            }
        }

        private void skipString() {
            int startLine = line;
            int startColumn = column();
            pos++;
            int interpolation = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    problems.add("line " + startLine + " col " + startColumn + ": string not closed on its line");
                    return;
                }
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (text.startsWith("${", pos) || text.startsWith("%{", pos)) {
                    interpolation++;
                    pos += 2;
                    continue;
                }
                if (c == '}' && interpolation > 0) {
                    interpolation--;
                } else if (c == '"' && interpolation == 0) {
                    pos++;
                    return;
                }
                pos++;
            }
            problems.add("line " + startLine + " col " + startColumn + ": string not closed");
        }

        private void skipHeredoc() {
            int startLine = line;
            int eol = text.indexOf('\n', pos);
            String opener = text.substring(pos, eol < 0 ? text.length() : eol).strip();
            String marker = opener.replaceFirst("^<<-?", "");
            if (!marker.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("line " + line + ": heredoc opener '" + opener + "' is not <<WORD alone on its line");
                skipToEndOfLine();
                return;
            }
            skipToEndOfLine();
            while (pos < text.length()) {
                int end = text.indexOf('\n', pos);
                String content = text.substring(pos, end < 0 ? text.length() : end);
                advanceTo(end < 0 ? text.length() : end + 1);
                if (content.strip().equals(marker)) {
                    return;
                }
            }
            problems.add("line " + startLine + ": heredoc " + marker + " never ends (a line holding only " + marker + ")");
        }

        private void skipToEndOfLine() {
            int end = text.indexOf('\n', pos);
            pos = end < 0 ? text.length() : end;
        }

        private void skipBlockComment() {
            int end = text.indexOf("*/", pos + 2);
            advanceTo(end < 0 ? text.length() : end + 2);
        }

        private void advanceTo(int target) {
            while (pos < target) {
                advance();
            }
        }

        private void advance() {
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }

        private int column() {
            return pos - lineStart + 1;
        }
    }

    private record Open(char bracket, int line, int column, String block) {
    }
}
