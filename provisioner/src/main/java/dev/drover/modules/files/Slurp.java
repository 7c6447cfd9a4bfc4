package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Ansible's slurp: a file's bytes, base64-encoded, in the result. One command: the shell
 * says why it cannot read the file (missing, a directory, not readable), or base64 prints it.
 */
public final class Slurp implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(Arg.path("src").mandatory().aliases("path"));

    @Override
    public String name() {
        return "slurp";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        HostFile file = HostFile.read(context, args.string("src"), true);
        if (file.problem() != null) {
            return ModuleResult.failed(file.problem());
        }
        return ModuleResult.builder().put("content", new String(file.base64(), StandardCharsets.US_ASCII))
                .put("source", file.path()).put("encoding", "base64").build();
    }

    /**
     * A file read from the host whole, or the reason it could not be, in slurp's words. The
     * path comes back with {@code ~} expanded, as Ansible's path arguments are.
     */
    record HostFile(String path, String problem, String checksum, byte[] base64) {

        /**
         * @param content false to learn only the sha1 (and why the file cannot be read)
         */
        static HostFile read(ModuleContext context, String path, boolean content) throws IOException {
            return read(context, path, content, null);
        }

        /** Like {@link #read}, but skips the content when its sha1 is {@code unlessSha1}. */
        static HostFile read(ModuleContext context, String path, boolean content, String unlessSha1) throws IOException {
            String send = content ? (unlessSha1 == null ? "exec base64 -w0 -- \"$p\""
                    : "[ \"${s%% *}\" = '" + unlessSha1 + "' ] || exec base64 -w0 -- \"$p\"") : ":";
            String script = "p=" + RemotePath.word(path) + "; printf '%s\\n' \"$p\"\n"
                    + "if [ -d \"$p\" ]; then echo D; elif [ ! -e \"$p\" ]; then echo N; elif [ ! -r \"$p\" ]; then echo R;\n"
                    + "else s=$(sha1sum < \"$p\") || exit 1; echo \"H ${s%% *}\"; " + send + "; fi";
            CommandResult result = context.target().run(script);
            String out = result.out();
            String[] lines = out.split("\n", 3);
            if (lines.length < 2) {
                return new HostFile(path, "unable to slurp file: " + result.err().trim(), null, null);
            }
            String expanded = lines[0];
            String status = lines[1];
            return switch (status.isEmpty() ? ' ' : status.charAt(0)) {
                case 'D' -> new HostFile(expanded, "source is a directory and must be a file: " + expanded, null, null);
                case 'N' -> new HostFile(expanded, "file not found: " + expanded, null, null);
                case 'R' -> new HostFile(expanded, "file is not readable: " + expanded, null, null);
                case 'H' -> result.exitCode() != 0
                        ? new HostFile(expanded, "unable to slurp file: " + result.err().trim(), null, null)
                        : new HostFile(expanded, null, status.substring(2).trim(),
                                lines.length > 2 ? lines[2].trim().getBytes(StandardCharsets.US_ASCII) : new byte[0]);
                default -> new HostFile(expanded, "unable to slurp file: " + result.err().trim(), null, null);
            };
        }
    }
}
