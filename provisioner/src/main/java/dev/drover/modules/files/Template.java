package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Ansible's template: renders a controller template with the task's variables and puts
 * the result at dest exactly as copy would ({@link ContentCopy}): one fact command, and a
 * write only when the rendered text differs.
 */
public final class Template implements Module {

    private static final List<String> UNSUPPORTED_DELIMITERS = List.of("block_start_string", "block_end_string",
            "variable_start_string", "variable_end_string", "comment_start_string", "comment_end_string");

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.path("src").mandatory(),
            Arg.path("dest").mandatory(),
            Arg.bool("backup", false),
            Arg.bool("force", true),
            Arg.bool("follow", false),
            Arg.str("validate"),
            Arg.str("newline_sequence").defaultsTo("\n"),
            Arg.bool("trim_blocks", true),
            Arg.bool("lstrip_blocks", false),
            Arg.str("block_start_string"),
            Arg.str("block_end_string"),
            Arg.str("variable_start_string"),
            Arg.str("variable_end_string"),
            Arg.str("comment_start_string"),
            Arg.str("comment_end_string"),
            Arg.str("output_encoding").defaultsTo("utf-8")));

    public Template() {
    }

    @Override
    public String name() {
        return "template";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return apply(args, context);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }

    private ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String newline = switch (args.string("newline_sequence")) {
            case "\\n" -> "\n";
            case "\\r" -> "\r";
            case "\\r\\n" -> "\r\n";
            default -> args.string("newline_sequence");
        };
        if (!List.of("\n", "\r", "\r\n").contains(newline)) {
            throw new FileModuleError("newline_sequence needs to be one of: \n, \r or \r\n");
        }
        for (String delimiter : UNSUPPORTED_DELIMITERS) {
            if (args.has(delimiter)) {
                throw new FileModuleError(delimiter + " is not supported by drover's template module yet");
            }
        }
        if (!args.bool("trim_blocks") || args.bool("lstrip_blocks")) {
            throw new FileModuleError("only the default trim_blocks=true and lstrip_blocks=false are supported by"
                    + " drover's template module yet");
        }

        String src = args.string("src");
        Optional<Path> found = context.files().find("templates", src);
        if (found.isEmpty()) {
            throw new FileModuleError("Could not find or access '" + src + "' on the Ansible Controller.");
        }
        Path source = found.get();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(source))).toString();
        } catch (CharacterCodingException e) {
            throw new FileModuleError("Template source files must be utf-8 encoded");
        }

        // Jinja reads template text with any line ending as "\n" and writes newline_sequence.
        String rendered;
        try {
            rendered = context.templates().renderFile(source, text.replace("\r\n", "\n").replace('\r', '\n'));
        } catch (RuntimeException e) {
            throw new FileModuleError(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!newline.equals("\n")) {
            rendered = rendered.replace("\n", newline);
        }
        byte[] bytes;
        try {
            bytes = rendered.getBytes(Charset.forName(args.string("output_encoding")));
        } catch (IllegalArgumentException e) {
            throw new FileModuleError("unknown output_encoding " + args.string("output_encoding"));
        }

        boolean preserve = "preserve".equals(args.string("mode"));
        FileAttributes attributes = new FileAttributes(args.string("owner"), args.string("group"),
                preserve ? FileMode.of(CopyTree.mode(source)) : FileMode.parse(args.get("mode")));
        ContentCopy.Options options = new ContentCopy.Options(args.string("dest"), args.bool("force"),
                args.bool("backup"), args.string("validate"), args.bool("follow"), attributes, null, null, false);
        ContentCopy.Source rendition = ContentCopy.Source.ofBytes(bytes, source.getFileName().toString(),
                source.toString(), source.toString());
        return ContentCopy.run(context, rendition, options);
    }
}
