package dev.drover.modules.files;

import dev.drover.vault.Vault;
import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.template.TemplateOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Ansible's template: renders a controller template with the task's variables and puts
 * the result at dest exactly as copy would ({@link ContentCopy}): usually one command, which
 * sends the rendered text and writes it only when it differs.
 */
public final class Template implements FileModule {

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

    /** The template module's rendering options from its arguments; a bad one fails the task as in Ansible. */
    private static TemplateOptions templateOptions(ModuleArgs args) throws FileModuleError {
        try {
            TemplateOptions options = TemplateOptions.DEFAULTS
                    .withTrimBlocks(args.bool("trim_blocks"))
                    .withLstripBlocks(args.bool("lstrip_blocks"))
                    .withNewlineSequence(args.string("newline_sequence"))
                    .withOutputEncoding(args.string("output_encoding"));
            if (args.has("variable_start_string") || args.has("variable_end_string")) {
                options = options.withVariableStrings(orElse(args, "variable_start_string", "{{"), orElse(args, "variable_end_string", "}}"));
            }
            if (args.has("block_start_string") || args.has("block_end_string")) {
                options = options.withBlockStrings(orElse(args, "block_start_string", "{%"), orElse(args, "block_end_string", "%}"));
            }
            if (args.has("comment_start_string") || args.has("comment_end_string")) {
                options = options.withCommentStrings(orElse(args, "comment_start_string", "{#"), orElse(args, "comment_end_string", "#}"));
            }
            return options;
        } catch (RuntimeException e) {
            throw new FileModuleError(e.getMessage());
        }
    }

    private static String orElse(ModuleArgs args, String name, String fallback) {
        return args.has(name) ? args.string(name) : fallback;
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
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        TemplateOptions templateOptions = templateOptions(args);

        String src = args.string("src");
        Optional<Path> found = context.files().find("templates", src);
        if (found.isEmpty()) {
            throw new FileModuleError("Could not find or access '" + src + "' on the Ansible Controller.");
        }
        Path source = found.get();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Vault.current().readFile(source))).toString();
        } catch (CharacterCodingException e) {
            throw new FileModuleError("Template source files must be utf-8 encoded");
        }

        // The raw text: the templar reads CR and CRLF as line breaks and counts trailing newlines as Ansible does.
        byte[] bytes;
        try {
            String rendered = context.templates().renderFile(source, text, templateOptions);
            bytes = templateOptions.encode(rendered);
        } catch (RuntimeException e) {
            throw new FileModuleError(e.getMessage());
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
