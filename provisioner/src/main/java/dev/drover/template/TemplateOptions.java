package dev.drover.template;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The template module's Jinja options, named as its arguments are: {@code trim_blocks},
 * {@code lstrip_blocks}, {@code newline_sequence}, the six {@code *_start_string} and
 * {@code *_end_string} delimiters, and {@code output_encoding}. {@link #DEFAULTS} are the
 * module's defaults, which are also how Ansible templates everything else (task arguments,
 * variables). Immutable; the {@code with...} methods return a changed copy.
 *
 * @param newlineSequence {@code "\n"}, {@code "\r"} or {@code "\r\n"} (their escaped forms
 *     {@code "\\n"}, {@code "\\r"}, {@code "\\r\\n"} are read as the template action reads them)
 * @param outputEncoding a Python codec name ({@code utf-8}, {@code latin-1}, {@code utf-16}...),
 *     applied by {@link #encode}
 */
public record TemplateOptions(boolean trimBlocks, boolean lstripBlocks, String newlineSequence,
        String variableStartString, String variableEndString, String blockStartString, String blockEndString,
        String commentStartString, String commentEndString, String outputEncoding) {

    private static final List<String> NEWLINES = List.of("\n", "\r", "\r\n");
    private static final List<String> ESCAPED_NEWLINES = List.of("\\n", "\\r", "\\r\\n");

    /** Python's names for the encodings whose Java names differ, or whose Java form differs (BOM, byte order). */
    private static final Map<String, String> PYTHON_CODECS = Map.of(
            "latin-1", "ISO-8859-1", "latin", "ISO-8859-1", "l1", "ISO-8859-1", "u8", "UTF-8", "utf", "UTF-8",
            "utf-16", "x-UTF-16LE-BOM", "u16", "x-UTF-16LE-BOM", "utf-32", "X-UTF-32LE-BOM", "u32", "X-UTF-32LE-BOM");

    /** The template module's defaults; declared after the tables the constructor reads. */
    public static final TemplateOptions DEFAULTS =
            new TemplateOptions(true, false, "\n", "{{", "}}", "{%", "%}", "{#", "#}", "utf-8");

    public TemplateOptions {
        if (ESCAPED_NEWLINES.contains(newlineSequence)) {
            newlineSequence = NEWLINES.get(ESCAPED_NEWLINES.indexOf(newlineSequence));
        }
        if (!NEWLINES.contains(newlineSequence)) {
            throw new TemplateError("newline_sequence needs to be one of: \\n, \\r or \\r\\n");
        }
        required("variable_start_string", variableStartString);
        required("variable_end_string", variableEndString);
        required("block_start_string", blockStartString);
        required("block_end_string", blockEndString);
        required("comment_start_string", commentStartString);
        required("comment_end_string", commentEndString);
        if (blockStartString.equals(variableStartString) || blockStartString.equals(commentStartString)
                || variableStartString.equals(commentStartString)) {
            throw new TemplateError("block, variable and comment start strings must be different");
        }
        charset(outputEncoding);
    }

    public TemplateOptions withTrimBlocks(boolean trim) {
        return new TemplateOptions(trim, lstripBlocks, newlineSequence, variableStartString, variableEndString,
                blockStartString, blockEndString, commentStartString, commentEndString, outputEncoding);
    }

    public TemplateOptions withLstripBlocks(boolean lstrip) {
        return new TemplateOptions(trimBlocks, lstrip, newlineSequence, variableStartString, variableEndString,
                blockStartString, blockEndString, commentStartString, commentEndString, outputEncoding);
    }

    public TemplateOptions withNewlineSequence(String newline) {
        return new TemplateOptions(trimBlocks, lstripBlocks, newline, variableStartString, variableEndString,
                blockStartString, blockEndString, commentStartString, commentEndString, outputEncoding);
    }

    /** {@code variable_start_string} and {@code variable_end_string}; a null keeps the current one. */
    public TemplateOptions withVariableStrings(String start, String end) {
        return new TemplateOptions(trimBlocks, lstripBlocks, newlineSequence, or(start, variableStartString),
                or(end, variableEndString), blockStartString, blockEndString, commentStartString, commentEndString,
                outputEncoding);
    }

    /** {@code block_start_string} and {@code block_end_string}; a null keeps the current one. */
    public TemplateOptions withBlockStrings(String start, String end) {
        return new TemplateOptions(trimBlocks, lstripBlocks, newlineSequence, variableStartString, variableEndString,
                or(start, blockStartString), or(end, blockEndString), commentStartString, commentEndString,
                outputEncoding);
    }

    /** {@code comment_start_string} and {@code comment_end_string}; a null keeps the current one. */
    public TemplateOptions withCommentStrings(String start, String end) {
        return new TemplateOptions(trimBlocks, lstripBlocks, newlineSequence, variableStartString, variableEndString,
                blockStartString, blockEndString, or(start, commentStartString), or(end, commentEndString),
                outputEncoding);
    }

    public TemplateOptions withOutputEncoding(String encoding) {
        return new TemplateOptions(trimBlocks, lstripBlocks, newlineSequence, variableStartString, variableEndString,
                blockStartString, blockEndString, commentStartString, commentEndString, encoding);
    }

    /** Whether templates are written as Jinja2's defaults have them: the delimiters and "\n". */
    boolean hasDefaultSyntax() {
        return newlineSequence.equals("\n") && variableStartString.equals("{{") && variableEndString.equals("}}")
                && blockStartString.equals("{%") && blockEndString.equals("%}") && commentStartString.equals("{#")
                && commentEndString.equals("#}");
    }

    /**
     * The rendered text as the file's bytes, in {@code output_encoding} (Python's
     * {@code utf-16} writes a byte order mark and little-endian, as here). A character the
     * encoding cannot hold is an error, as in Ansible.
     */
    public byte[] encode(String rendered) {
        CharsetEncoder encoder = charset(outputEncoding).newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(rendered));
            return Arrays.copyOfRange(bytes.array(), bytes.arrayOffset() + bytes.position(),
                    bytes.arrayOffset() + bytes.limit());
        } catch (CharacterCodingException e) {
            int at = 0;
            while (at < rendered.length() && encoder.reset().canEncode(rendered.substring(at, rendered.offsetByCodePoints(at, 1)))) {
                at = rendered.offsetByCodePoints(at, 1);
            }
            String character = at < rendered.length() ? rendered.substring(at, rendered.offsetByCodePoints(at, 1)) : "?";
            throw new TemplateError("output_encoding '" + outputEncoding + "' cannot encode the character '" + character
                    + "' at position " + rendered.codePointCount(0, Math.min(at, rendered.length())));
        }
    }

    private static Charset charset(String encoding) {
        if (encoding == null || encoding.isBlank()) {
            throw new TemplateError("output_encoding must not be empty");
        }
        String name = encoding.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        try {
            return Charset.forName(PYTHON_CODECS.getOrDefault(name, name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new TemplateError("unknown encoding: " + encoding);
        }
    }

    private static void required(String option, String value) {
        if (value == null || value.isEmpty()) {
            throw new TemplateError(option + " must not be empty");
        }
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
