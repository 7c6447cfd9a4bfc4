package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Ansible's fetch: copies a file from the host to the controller, into
 * {@code dest/INVENTORY_HOSTNAME/SRC} or, with {@code flat}, to {@code dest} itself (inside it
 * when it ends with a slash). The controller's copy is checked first, so the host sends the
 * file only when its sha1 differs: one command either way. Like Ansible's action, it is
 * skipped in check mode.
 */
public final class Fetch implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("src").mandatory(),
            Arg.str("dest").mandatory(),
            Arg.bool("flat", false),
            Arg.bool("fail_on_missing", true),
            Arg.bool("validate_checksum", true));

    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        if (context.checkMode()) {
            return ModuleResult.builder().put("skipped", true).msg("check mode not (yet) supported for this module").build();
        }
        String src = args.string("src");
        String dest = args.string("dest");
        boolean failOnMissing = args.bool("fail_on_missing");
        // The local path depends on src as the host expands it, so learn that first when it starts with ~.
        String source = src.startsWith("~") ? Slurp.HostFile.read(context, src, false).path() : src;
        Path local;
        try {
            local = localPath(context, source, dest, args.bool("flat"), context.target().hostName());
        } catch (IllegalArgumentException e) {
            return ModuleResult.failed(e.getMessage());
        }
        String localSha1 = Files.isRegularFile(local) ? ContentCopy.sha1(Files.readAllBytes(local)) : null;
        Slurp.HostFile remote = Slurp.HostFile.read(context, source, true, localSha1);
        if (remote.problem() != null) {
            return missing(remote, failOnMissing);
        }
        if (remote.checksum().equals(localSha1)) {
            return ModuleResult.builder().put("md5sum", ContentCopy.md5(Files.readAllBytes(local))).put("file", source)
                    .put("dest", local.toString()).put("checksum", localSha1).build();
        }
        byte[] bytes = Base64.getDecoder().decode(remote.base64());
        try {
            Files.createDirectories(local.getParent());
            Files.write(local, bytes);
        } catch (IOException e) {
            return ModuleResult.failed("Failed to fetch the file: " + e.getMessage());
        }
        String written = ContentCopy.sha1(bytes);
        if (args.bool("validate_checksum") && !written.equals(remote.checksum())) {
            return ModuleResult.builder().failed("checksum mismatch").put("md5sum", ContentCopy.md5(bytes))
                    .put("file", source).put("dest", local.toString()).put("remote_md5sum", null)
                    .put("checksum", written).put("remote_checksum", remote.checksum()).build();
        }
        return ModuleResult.builder().changed(true).put("md5sum", ContentCopy.md5(bytes)).put("dest", local.toString())
                .put("remote_md5sum", null).put("checksum", written).put("remote_checksum", remote.checksum()).build();
    }

    private static ModuleResult missing(Slurp.HostFile remote, boolean failOnMissing) {
        String problem = remote.problem();
        boolean directory = problem.startsWith("source is a directory");
        if (directory) {
            String msg = "remote file is a directory, fetch cannot work on directories";
            return failOnMissing ? ModuleResult.builder().changed(false).failed(msg).build()
                    : ModuleResult.builder().msg(msg + ", not transferring, ignored").build();
        }
        String msg = problem.contains("not found") ? "the remote file does not exist, not transferring, ignored" : problem;
        return failOnMissing ? ModuleResult.builder().changed(false).failed(msg).build()
                : ModuleResult.builder().put("file", remote.path()).msg(msg).build();
    }

    /** Where the file goes on the controller, as Ansible's fetch action decides. */
    static Path localPath(ModuleContext context, String source, String dest, boolean flat, String hostName) {
        String path;
        if (flat) {
            Path asGiven = context.files().controllerPath(dest);
            if (Files.isDirectory(asGiven) && !dest.endsWith("/")) {
                throw new IllegalArgumentException("dest is an existing directory, use a trailing slash if you want to"
                        + " fetch src into that directory");
            }
            path = dest.endsWith("/") ? RemotePath.join(dest, RemotePath.basename(source)) : dest;
            path = context.files().controllerPath(path).toString();
        } else {
            path = context.files().controllerPath(dest) + "/" + hostName + "/" + source;
        }
        return Path.of(FindTree.normpath(path));
    }
}
