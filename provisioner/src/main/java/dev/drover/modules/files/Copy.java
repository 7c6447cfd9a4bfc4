package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.vault.Vault;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.template.PythonJson;
import dev.drover.template.PythonRepr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible's copy: puts a controller file ({@code src}), a controller directory (recursively),
 * literal {@code content}, or with {@code remote_src} a file already on the host, at
 * {@code dest}. The per-file work is {@link ContentCopy}; directories are {@link CopyTree}.
 */
public final class Copy implements FileModule {

    private static final ArgSpec SPEC = ArgSpec.of(FileArgs.withCommon(
            Arg.path("src"),
            Arg.raw("content"),
            Arg.path("dest").mandatory(),
            Arg.bool("backup", false),
            Arg.bool("force", true),
            Arg.str("validate"),
            Arg.raw("directory_mode"),
            Arg.bool("remote_src", false),
            Arg.bool("local_follow", true),
            Arg.str("checksum"),
            Arg.bool("follow", false),
            Arg.bool("decrypt", true),
            Arg.str("_original_basename")));

    public Copy() {
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError {
        FileArgs.checkSupported(args);
        String src = args.string("src");
        Object content = args.get("content");
        String dest = args.string("dest");
        if ((src == null || src.isEmpty()) && content == null) {
            throw new FileModuleError("src (or content) is required");
        }
        if (src != null && content != null) {
            throw new FileModuleError("src and content are mutually exclusive");
        }
        if (content != null && dest.endsWith("/")) {
            throw new FileModuleError("can not use content with a dir as dest");
        }
        boolean preserve = "preserve".equals(args.string("mode"));
        FileAttributes attributes = new FileAttributes(args.string("owner"), args.string("group"),
                preserve ? null : FileMode.parse(args.get("mode")));

        if (content != null) {
            // Ansible writes content to a temp file (mode 0600) and copies that; "preserve" keeps its mode.
            // A mapping or list is written as JSON, anything else as Python's str() (True, not true).
            byte[] bytes = (content instanceof Map || content instanceof List ? PythonJson.dumpsDefault(content)
                    : PythonRepr.str(content)).getBytes(StandardCharsets.UTF_8);
            ContentCopy.Source source = ContentCopy.Source.ofBytes(bytes, "content", "dynamically generated", null);
            return ContentCopy.run(context, source, options(args, preserve ? attributes.withMode(FileMode.of(0600))
                    : attributes, true, args.bool("follow")));
        }
        if (args.bool("remote_src")) {
            FileAttributes remote = attributes;
            if (preserve) {
                FactReport facts = new FileFacts().probe(src).read(context.target());
                Inode inode = facts.state(0).followed();
                remote = inode == null ? attributes : attributes.withMode(FileMode.of(inode.mode()));
            }
            return ContentCopy.run(context, ContentCopy.Source.onHost(src), options(args, remote, false,
                    args.bool("follow")));
        }

        boolean trailingSlash = src.endsWith("/");
        Optional<Path> found = context.files().find("files", src);
        if (found.isEmpty()) {
            throw new FileModuleError("Could not find or access '" + src + "' on the Ansible Controller.\n"
                    + "If you are using a module and expect the file to exist on the remote, see the remote_src option");
        }
        Path local = found.get();
        if (Files.isDirectory(local)) {
            return CopyTree.run(context, local, trailingSlash, dest, options(args, attributes, false, false),
                    args.bool("local_follow"), preserve, args.bool("decrypt"));
        }
        byte[] bytes;
        try {
            bytes = read(local, args.bool("decrypt"));
        } catch (IOException e) {
            throw new FileModuleError("could not find src=" + local + ", " + e.getMessage());
        }
        FileAttributes forFile = preserve ? attributes.withMode(FileMode.of(CopyTree.mode(local))) : attributes;
        ContentCopy.Source source = ContentCopy.Source.ofBytes(bytes, local.getFileName().toString(), local.toString(),
                local.toString());
        return ContentCopy.run(context, source, options(args, forFile, false, args.bool("follow")));
    }

    /**
     * A source file's bytes: decrypted on the controller when vault-encrypted (the host gets the
     * plaintext), unless {@code decrypt: false} asks for the file as it is, as Ansible's copy does.
     */
    static byte[] read(Path local, boolean decrypt) throws IOException {
        return decrypt ? Vault.current().readFile(local) : Files.readAllBytes(local);
    }

    private static ContentCopy.Options options(ModuleArgs args, FileAttributes attributes, boolean contentGiven,
                                               boolean follow) throws FileModuleError {
        return new ContentCopy.Options(args.string("dest"), args.bool("force"), args.bool("backup"),
                args.string("validate"), follow, attributes, FileMode.parse(args.get("directory_mode")),
                args.string("checksum"), contentGiven);
    }
}
