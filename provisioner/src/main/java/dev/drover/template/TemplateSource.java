package dev.drover.template;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Jinja2's lexer in front of Jinjava: turns a template as Jinja2 reads it (with the
 * {@link TemplateOptions}' delimiters, whitespace rules and line breaks) into the same
 * template as Jinjava reads it, with the standard delimiters, no comments, no raw blocks and
 * its whitespace already handled, so that Jinjava's own (which strips indentation before a tag
 * even in the middle of a line, trims after {@code {% raw %}} and has no {@code +%}}) never
 * applies. Rules, as in Jinja2 3.1:
 * <ul>
 *   <li>{@code \r\n}, {@code \r} and {@code \n} are all line breaks; the template's last one is
 *       dropped; line breaks in the text come out as the newline sequence;</li>
 *   <li>{@code trim_blocks}: the line break right after a block or comment tag goes, unless the
 *       tag ends {@code +%}};</li>
 *   <li>{@code lstrip_blocks}: spaces and tabs from the start of a line to a block or comment
 *       tag go, unless the tag starts {@code {%+}; never before {@code {{ }}};</li>
 *   <li>{@code {%-} and {@code -%}} (and {@code {{-}, {@code -}}}, {@code {#-}, {@code -#}})
 *       strip all whitespace before or after the tag;</li>
 *   <li>a tag ends at the first end delimiter outside strings and brackets;
 *       {@code {% raw %}...{% endraw %}} is text.</li>
 * </ul>
 * Every line of the template stays on its line: a line break that Jinja2 removes (trimmed,
 * stripped, or inside a comment) is kept inside an empty Jinjava comment, so the line Jinjava
 * names in an error is the line of the user's file.
 */
final class TemplateSource {

    private TemplateSource() {}

    private enum Kind { VARIABLE, BLOCK, COMMENT, RAW }

    /** The template Jinjava should render for {@code text}, which is a whole template (file or string). */
    static String toJinjava(String text, TemplateOptions options) {
        if ((options == TemplateOptions.DEFAULTS || options.hasDefaultSyntax()) && !needsLexing(text)) {
            // nothing here for Jinja2's lexer to do but drop the last line break: {{-, -}} Jinjava does alike
            return withoutLastNewline(text);
        }
        return new Lexer(jinja2Lines(text), options).run();
    }

    /** With the default syntax: whether there is a block, a comment, a {{+ or a \r (most task arguments have none). */
    private static boolean needsLexing(String text) {
        if (text.indexOf('\r') >= 0) {
            return true;
        }
        int n = text.length();
        for (int i = text.indexOf('{'); i >= 0 && i + 1 < n; i = text.indexOf('{', i + 1)) {
            char next = text.charAt(i + 1);
            if (next == '%' || next == '#' || next == '{' && i + 2 < n && text.charAt(i + 2) == '+') {
                return true;
            }
        }
        return false;
    }

    /** Whether Jinja2 would give {@code text} back unchanged: no tag, and no line break to rewrite. */
    static boolean isVerbatim(String text, TemplateOptions options) {
        return !text.contains(options.variableStartString()) && !text.contains(options.blockStartString())
                && !text.contains(options.commentStartString()) && text.indexOf('\r') < 0
                && (options.newlineSequence().equals("\n") || text.indexOf('\n') < 0);
    }

    /** Jinja2 reads every kind of line break as {@code \n} and drops the last one (keep_trailing_newline off). */
    private static String jinja2Lines(String text) {
        String source = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        return withoutLastNewline(source);
    }

    private static String withoutLastNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** Python's str.isspace(), which \s and rstrip() use. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    private static final class Lexer {
        private final String src;
        private final TemplateOptions options;
        private final StringBuilder out;
        /** The start delimiters in the order Jinja2 tries them at one position: longest first, then variable, comment, block. */
        private final Kind[] starts;
        /** Where each of {@link #starts} next occurs, -1 for nowhere, as last searched. */
        private final int[] found;
        private int pos;
        /** How far {@link #out} and the source have been read for line breaks, and how many each holds up to there. */
        private int outScanned;
        private int outBreaks;
        private int srcScanned;
        private int srcBreaks;
        /** Whether the last tag's end took the text up to a line break (Jinja2's line_starting). */
        private boolean lineStarting = true;

        Lexer(String src, TemplateOptions options) {
            this.src = src;
            this.options = options;
            this.out = new StringBuilder(src.length() + 16);
            this.starts = startOrder(options);
            this.found = new int[starts.length];
            for (int k = 0; k < starts.length; k++) {
                found[k] = src.indexOf(start(starts[k]));
            }
        }

        String run() {
            while (pos < src.length()) {
                int at = nextStart(pos);
                if (at < 0) {
                    text(src.substring(pos));
                    break;
                }
                int rawEnd = rawBegin(at);
                Kind kind = rawEnd >= 0 ? Kind.RAW : kindAt(at);
                int afterDelimiter = at + start(kind == Kind.RAW ? Kind.BLOCK : kind).length();
                char sign = afterDelimiter < src.length() ? src.charAt(afterDelimiter) : 0;
                sign = sign == '-' || sign == '+' ? sign : 0;
                text(lstripped(src.substring(pos, at), sign, kind != Kind.VARIABLE));
                keepLines(at);
                int contentStart = afterDelimiter + (sign != 0 ? 1 : 0);
                switch (kind) {
                    case RAW -> raw(rawEnd);
                    case COMMENT -> comment(contentStart);
                    default -> tag(kind, contentStart);
                }
                keepLines(pos);
            }
            return out.toString();
        }

        /** Text before a tag, after the tag's whitespace control: Jinja2's OptionalLStrip. */
        private String lstripped(String text, char sign, boolean mayLstrip) {
            if (sign == '-') {
                int end = text.length();
                while (end > 0 && isSpace(text.charAt(end - 1))) {
                    end--;
                }
                return text.substring(0, end);
            }
            if (sign != '+' && mayLstrip && options.lstripBlocks()) {
                int lineStart = text.lastIndexOf('\n') + 1;
                if ((lineStart > 0 || lineStarting) && lineStart < text.length() && isBlank(text, lineStart)) {
                    return text.substring(0, lineStart);
                }
            }
            return text;
        }

        private void raw(int beginEnd) {
            lineStarting = endsLine(beginEnd);
            String bs = options.blockStartString();
            for (int at = src.indexOf(bs, beginEnd); at >= 0; at = src.indexOf(bs, at + 1)) {
                int i = at + bs.length();
                char sign = i < src.length() && (src.charAt(i) == '-' || src.charAt(i) == '+') ? src.charAt(i) : 0;
                i = skipSpace(i + (sign != 0 ? 1 : 0));
                if (!src.startsWith("endraw", i)) {
                    continue;
                }
                int end = tagEnd(skipSpace(i + "endraw".length()), options.blockEndString(), true);
                if (end < 0) {
                    continue;
                }
                text(lstripped(src.substring(beginEnd, at), sign, true));
                finish(end);
                return;
            }
            throw new RenderFailure("template syntax error: Missing end of raw directive");
        }

        private void comment(int contentStart) {
            String ce = options.commentEndString();
            for (int at = contentStart; at < src.length(); at++) {
                int end = tagEnd(at, ce, true);
                if (end >= 0) {
                    finish(end);
                    return;
                }
            }
            throw new RenderFailure("template syntax error: Missing end of comment tag");
        }

        /** A block or variable tag: its end is the first end delimiter outside strings and brackets. */
        private void tag(Kind kind, int contentStart) {
            Deque<Character> open = new ArrayDeque<>();
            String end = kind == Kind.BLOCK ? options.blockEndString() : options.variableEndString();
            int i = contentStart;
            while (i < src.length()) {
                if (open.isEmpty()) {
                    int after = tagEnd(i, end, kind == Kind.BLOCK);
                    if (after >= 0) {
                        emitTag(kind, src.substring(contentStart, i));
                        finish(after);
                        return;
                    }
                }
                char c = src.charAt(i);
                if (c == '\'' || c == '"') {
                    i = afterString(i);
                    continue;
                }
                switch (c) {
                    case '(' -> open.push(')');
                    case '[' -> open.push(']');
                    case '{' -> open.push('}');
                    case ')', ']', '}' -> open.poll();
                    default -> { }
                }
                i++;
            }
            // Never closed: hand it to Jinjava as written, which reports it.
            out.append(start(kind)).append(src, contentStart, src.length());
            pos = src.length();
        }

        /**
         * Where a tag ends if its end delimiter is at {@code at}: {@code +end} (blocks and
         * comments: no trimming), {@code -end} and all whitespace after it, or {@code end} and,
         * with trim_blocks, one line break (blocks and comments). -1 if it does not end there.
         */
        private int tagEnd(int at, String end, boolean trims) {
            if (at >= src.length()) {
                return -1;
            }
            char c = src.charAt(at);
            if (trims && c == '+' && src.startsWith(end, at + 1)) {
                return at + 1 + end.length();
            }
            if (c == '-' && src.startsWith(end, at + 1)) {
                return skipSpace(at + 1 + end.length());
            }
            if (src.startsWith(end, at)) {
                int after = at + end.length();
                return trims && options.trimBlocks() && after < src.length() && src.charAt(after) == '\n' ? after + 1 : after;
            }
            return -1;
        }

        private void finish(int end) {
            lineStarting = endsLine(end);
            pos = end;
        }

        private boolean endsLine(int end) {
            return end > 0 && src.charAt(end - 1) == '\n';
        }

        private void emitTag(Kind kind, String content) {
            if (!options.newlineSequence().equals("\n")) {
                content = newlinesInStrings(content);
            }
            boolean pad = !content.isEmpty() && ("-+".indexOf(content.charAt(0)) >= 0
                    || "-+".indexOf(content.charAt(content.length() - 1)) >= 0);
            out.append(kind == Kind.BLOCK ? "{%" : "{{").append(pad ? " " + content + " " : content)
                    .append(kind == Kind.BLOCK ? "%}" : "}}");
        }

        /** Literal text: line breaks as the newline sequence; anything Jinjava would read as a tag start, escaped. */
        private void text(String text) {
            if (text.isEmpty()) {
                return;
            }
            if (!options.newlineSequence().equals("\n")) {
                text = text.replace("\n", options.newlineSequence());
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                char next = i + 1 < text.length() ? text.charAt(i + 1) : '{';
                if (c == '{' && (next == '{' || next == '%' || next == '#')) {
                    out.append("{{ '{' }}");
                } else {
                    out.append(c);
                }
            }
        }

        /**
         * Writes, as an empty comment, the line breaks of the source before {@code sourceEnd} that
         * Jinja2 removed and {@link #out} therefore lacks (Jinjava counts lines by {@code \n}).
         */
        private void keepLines(int sourceEnd) {
            for (; outScanned < out.length(); outScanned++) {
                if (out.charAt(outScanned) == '\n') {
                    outBreaks++;
                }
            }
            for (; srcScanned < sourceEnd; srcScanned++) {
                if (src.charAt(srcScanned) == '\n') {
                    srcBreaks++;
                }
            }
            if (srcBreaks > outBreaks) {
                out.append("{#").append("\n".repeat(srcBreaks - outBreaks)).append("#}");
            }
        }

        /** Jinja2 writes line breaks inside string literals as the newline sequence too. */
        private String newlinesInStrings(String content) {
            StringBuilder copy = new StringBuilder(content.length());
            char quote = 0;
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (quote != 0 && c == '\\' && i + 1 < content.length()) {
                    copy.append(c).append(content.charAt(++i));
                    continue;
                }
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                copy.append(quote != 0 && c == '\n' ? options.newlineSequence() : String.valueOf(c));
            }
            return copy.toString();
        }

        private int afterString(int at) {
            char quote = src.charAt(at);
            for (int i = at + 1; i < src.length(); i++) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    return i + 1;
                }
            }
            return src.length();
        }

        /** {@code {%(-|+)?\s*raw\s*(-?%}\s*|%})}: the end of a raw block's opening tag at {@code at}, or -1. */
        private int rawBegin(int at) {
            String bs = options.blockStartString();
            if (!src.startsWith(bs, at)) {
                return -1;
            }
            int i = at + bs.length();
            if (i < src.length() && (src.charAt(i) == '-' || src.charAt(i) == '+')) {
                i++;
            }
            i = skipSpace(i);
            if (!src.startsWith("raw", i)) {
                return -1;
            }
            i = skipSpace(i + 3);
            String be = options.blockEndString();
            if (src.startsWith("-" + be, i)) {
                return skipSpace(i + 1 + be.length());
            }
            return src.startsWith(be, i) ? i + be.length() : -1;
        }

        /** The earliest tag start at or after {@code from}; each delimiter is searched for again only once passed. */
        private int nextStart(int from) {
            int first = -1;
            for (int k = 0; k < starts.length; k++) {
                if (found[k] >= 0 && found[k] < from) {
                    found[k] = src.indexOf(start(starts[k]), from);
                }
                if (found[k] >= 0 && (first < 0 || found[k] < first)) {
                    first = found[k];
                }
            }
            return first;
        }

        private Kind kindAt(int at) {
            for (Kind kind : starts) {
                if (src.startsWith(start(kind), at)) {
                    return kind;
                }
            }
            throw new IllegalStateException("no tag at " + at);
        }

        private String start(Kind kind) {
            return switch (kind) {
                case VARIABLE -> options.variableStartString();
                case COMMENT -> options.commentStartString();
                default -> options.blockStartString();
            };
        }

        private static Kind[] startOrder(TemplateOptions options) {
            Kind[] kinds = {Kind.VARIABLE, Kind.COMMENT, Kind.BLOCK};
            int[] lengths = {options.variableStartString().length(), options.commentStartString().length(),
                options.blockStartString().length()};
            // stable: longer delimiters first, ties in Jinja2's order
            for (int i = 1; i < kinds.length; i++) {
                for (int j = i; j > 0 && lengths[j] > lengths[j - 1]; j--) {
                    Kind k = kinds[j];
                    kinds[j] = kinds[j - 1];
                    kinds[j - 1] = k;
                    int l = lengths[j];
                    lengths[j] = lengths[j - 1];
                    lengths[j - 1] = l;
                }
            }
            return kinds;
        }

        private int skipSpace(int at) {
            while (at < src.length() && isSpace(src.charAt(at))) {
                at++;
            }
            return at;
        }

        private static boolean isBlank(String text, int from) {
            for (int i = from; i < text.length(); i++) {
                if (!isSpace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
