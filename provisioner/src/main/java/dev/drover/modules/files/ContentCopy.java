package dev.drover.modules.files;

import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file's worth of copy, shared by copy (src= and content=) and template: puts known
 * bytes at a destination on the host, the way Ansible's copy action and module do
 * together.
 *
 * <p>Without --diff or --check, and for content known here with at most a numeric mode, the
 * whole task is one command ({@link QuickWrite}): the content goes with it and the host
 * compares and writes. Otherwise, or when that command finds something else than a file or
 * a missing one, the usual way: what is, one fact command (the destination's checksum, its
 * content when --diff wants it, its parent); what should be, the same sha1 as the source;
 * what to run, when the checksums differ, one atomic write; when they match, only the
 * owner/group/mode fixes Ansible's file module would make. A second identical run is one
 * command.
 */
final class ContentCopy {

    /** What to copy: bytes from the controller, or (remote_src) a file already on the host. */
    record Source(byte[] bytes, String remotePath, String name, String diffHeader, String resultSrc) {

        static Source ofBytes(byte[] bytes, String name, String diffHeader, String resultSrc) {
            return new Source(bytes, null, name, diffHeader, resultSrc);
        }

        static Source onHost(String path) {
            return new Source(null, path, RemotePath.basename(path), null, path);
        }

        boolean remote() {
            return remotePath != null;
        }
    }

    /** The task's settings that matter for one file. */
    record Options(String dest, boolean force, boolean backup, String validate, boolean follow,
                   FileAttributes attributes, FileMode directoryMode, String expectedChecksum, boolean contentGiven) {
    }

    private ContentCopy() {
    }

    static String sha1(byte[] bytes) {
        return digest("SHA-1", bytes);
    }

    static String md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    static ModuleResult run(ModuleContext context, Source source, Options options) throws IOException {
        try {
            return copy(context, source, options);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }

    private static ModuleResult copy(ModuleContext context, Source source, Options options)
            throws IOException, FileModuleError {
        String destFile = options.dest().endsWith("/") ? RemotePath.join(options.dest(), source.name()) : options.dest();
        boolean wantContent = context.diffMode() && !source.remote();
        FactReport facts;
        Integer quickMode = quickMode(context, source, options);
        if (quickMode != null) {
            String checksum = sha1(source.bytes());
            FileFacts look = query(source, options, destFile, false);
            QuickWrite.Outcome outcome;
            try {
                outcome = QuickWrite.run(context.target(), destFile, source.bytes(), checksum,
                        quickMode == NO_MODE ? null : quickMode, look);
            } catch (FileModuleError e) {
                // A failed write reports like the usual path's; a host that never ran the script, like a fact query.
                throw e.fields().containsKey("rc") ? e : e.with("checksum", checksum).with("diff", List.of());
            }
            if (!outcome.look()) {
                return quick(context, source, options, outcome, destFile, checksum, quickMode);
            }
            facts = outcome.report();
        } else {
            facts = read(context, source, options, destFile, wantContent);
        }
        FileState dest = facts.state(0);
        destFile = dest.path();
        FileState inside = facts.state(1);
        boolean parentIsDirectory = facts.state(2).isDirFollowed();
        // Like the copy module, a dest that leads to a directory (even through a symlink) means "put it inside".
        if (dest.isDirFollowed()) {
            parentIsDirectory = true;
            if (options.contentGiven()) {
                throw new FileModuleError("can not use content with a dir as dest").with("diff", List.of());
            }
            destFile = inside.path();
            if (wantContent && isRegular(inside, options.follow())) {
                facts = read(context, source, options, destFile, true);
                dest = facts.state(0);
            } else {
                dest = inside;
            }
        }
        FileState sourceState = source.remote() ? facts.state(facts.states().size() - 2) : null;
        String md5OnHost = source.remote() ? facts.state(facts.states().size() - 1).checksum() : null;
        if (source.remote()) {
            checkRemoteSource(sourceState, source.remotePath());
        }
        if (dest.exists() && !options.force()) {
            ModuleResult.Builder skipped = ModuleResult.builder().put("dest", options.dest()).put("src", source.resultSrc());
            return (source.remote() ? skipped.msg("file already exists") : skipped).build();
        }

        String checksum = source.remote() ? sourceState.checksum() : sha1(source.bytes());
        if (options.expectedChecksum() != null && !options.expectedChecksum().equals(checksum)) {
            throw new FileModuleError("Copied file does not match the expected checksum. Transfer failed.")
                    .with("checksum", checksum).with("expected_checksum", options.expectedChecksum());
        }
        String destChecksum = isRegular(dest, options.follow()) ? dest.checksum() : null;
        if (!checksum.equals(destChecksum)) {
            List<Map<String, Object>> diffs = new ArrayList<>();
            if (context.diffMode() && !source.remote()) {
                diffs.add(diff(dest, destFile, source));
            }
            if (context.checkMode()) {
                // With remote_src, Ansible's copy module runs on the host even in check mode, and
                // refuses a missing directory there; a controller's file is judged by checksum alone.
                if (source.remote() && !dest.exists() && !parentIsDirectory && !options.dest().endsWith("/")) {
                    throw new FileModuleError("Destination directory " + RemotePath.parent(destFile) + " does not exist");
                }
                return ModuleResult.builder().changed(true).put("diff", diffs).build();
            }
            try {
                return write(context, source, options, facts, dest, destFile, parentIsDirectory, checksum, md5OnHost,
                        diffs);
            } catch (FileModuleError e) {
                throw e.with("checksum", checksum).with("diff", source.remote() ? null : diffs);
            }
        }
        return attributesOnly(context, options, facts, dest, destFile, checksum, source);
    }

    private static FactReport read(ModuleContext context, Source source, Options options, String destFile,
                                         boolean wantContent) throws IOException, FileModuleError {
        return query(source, options, destFile, wantContent).read(context.target());
    }

    /** The facts the usual path starts from: dest, the path inside it when a directory, its parent when missing. */
    private static FileFacts query(Source source, Options options, String destFile, boolean wantContent) {
        FileFacts.Probe dest = FileFacts.Probe.of(destFile).withChecksum("sha1");
        if (wantContent) {
            dest = dest.withContent(FileFacts.MAX_DIFF_SIZE);
        }
        // The path inside dest matters only when dest is a directory, dest's parent only when dest is missing.
        String destWord = RemotePath.word(destFile);
        FileFacts query = new FileFacts().probe(dest)
                .probe(FileFacts.Probe.of(RemotePath.join(destFile, source.name())).withChecksum("sha1")
                        .onlyIf("[ -d " + destWord + " ]"))
                .probe(FileFacts.Probe.of(RemotePath.parent(destFile).isEmpty() ? "." : RemotePath.parent(destFile))
                        .onlyIf("[ ! -e " + destWord + " ] && [ ! -h " + destWord + " ]"));
        if (source.remote()) {
            query.probe(FileFacts.Probe.of(source.remotePath()).withChecksum("sha1").withAccess());
            query.probe(FileFacts.Probe.of(source.remotePath()).withChecksum("md5"));
        }
        options.attributes().ask(query);
        return query;
    }

    /** Stands for "no mode given" in {@link #quickMode}. */
    private static final int NO_MODE = -1;

    /**
     * The mode for {@link QuickWrite} ({@link #NO_MODE} when none is given), or null when the
     * task needs the usual path: check or diff mode, remote_src, force=no, validate, backup,
     * a directory dest, an expected checksum, owner or group, or a symbolic mode.
     */
    private static Integer quickMode(ModuleContext context, Source source, Options options) {
        FileAttributes attributes = options.attributes();
        if (context.checkMode() || context.diffMode() || source.remote() || !options.force()
                || options.validate() != null || options.backup() || options.dest().endsWith("/")
                || options.expectedChecksum() != null || attributes.owner() != null || attributes.group() != null
                || (attributes.mode() != null && attributes.mode().isSymbolic())) {
            return null;
        }
        if (attributes.mode() == null) {
            return NO_MODE;
        }
        int mode = attributes.mode().resolve(0, false, 0);
        return (mode & ~07777) == 0 ? mode : null;
    }

    /** The result of a {@link QuickWrite} that settled the task: the file was the same, or was written. */
    private static ModuleResult quick(ModuleContext context, Source source, Options options, QuickWrite.Outcome outcome,
                                      String destFile, String checksum, int mode) throws IOException, FileModuleError {
        FactReport facts = outcome.report();
        FileState before = facts.state(0);
        destFile = before.path();
        if (outcome.same()) {
            return attributesOnly(context, options, facts, before, destFile, checksum, source);
        }
        FileState after;
        if (facts.states().size() > 1) {
            after = facts.state(1);
        } else {
            // Replaced a file whose owner and group were kept: its stat is the old one with the new mode and size.
            Inode old = before.lstat();
            Inode written = new Inode(Inode.Kind.FILE, mode == NO_MODE ? old.mode() : mode, old.uid(), old.gid(),
                    old.owner(), old.group(), source.bytes().length, 1, old.inode(), old.dev(), old.atime(),
                    old.mtime(), old.ctime(), old.blocks(), old.blockSize(), 0);
            after = new FileState(destFile, written, null, null, null, null, null, checksum, null, null, null,
                    List.of(), null, false);
        }
        return ModuleResult.builder().changed(true).put("dest", destFile).put("src", source.resultSrc())
                .put("md5sum", md5(source.bytes())).put("checksum", checksum)
                .putAll(FileResults.pathInfo(after)).put("diff", List.of()).build();
    }

    private static void checkRemoteSource(FileState state, String path) throws FileModuleError {
        if (!state.existsFollowed()) {
            throw new FileModuleError("Source " + path + " not found");
        }
        if (!state.readable()) {
            throw new FileModuleError("Source " + path + " not readable");
        }
        if (state.isDirFollowed()) {
            throw new FileModuleError("remote_src with a directory as src is not supported by drover yet: " + path);
        }
        if (!state.isRegularFollowed()) {
            throw new FileModuleError("Cannot copy invalid source '" + path + "': not a file");
        }
    }

    /** The content differs: write it atomically, with the task's attributes, and report like the copy module. */
    private static ModuleResult write(ModuleContext context, Source source, Options options, FactReport facts,
                                      FileState dest, String destFile, boolean parentIsDirectory, String checksum,
                                      String md5OnHost, List<Map<String, Object>> diffs)
            throws IOException, FileModuleError {
        String finalDest = options.follow() && dest.isLink() && dest.realPath() != null ? dest.realPath() : destFile;
        List<String> makeParents = List.of();
        if (!dest.exists() && !parentIsDirectory) {
            if (!options.dest().endsWith("/")) {
                throw new FileModuleError("Destination directory " + RemotePath.parent(destFile) + " does not exist");
            }
            makeParents = createDirectories(RemotePath.parent(destFile), options, facts);
        }
        Inode existing = options.follow() ? dest.followed() : dest.lstat();
        Inode replaced = existing != null && existing.isRegular() ? existing : null;
        Inode planned = replaced != null ? replaced : new Inode(Inode.Kind.FILE, 0666 & ~facts.umask(),
                callerId(facts, 0), callerId(facts, 1), null, null, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        FileAttributes.Change change = options.attributes().plan(finalDest, planned, facts);

        AtomicWrite write = new AtomicWrite(finalDest, source.remote() ? null : source.bytes())
                .replacing(replaced).newFileMode(0666 & ~facts.umask()).restoreUmask(facts.umask()).attributes(change)
                .validate(options.validate()).backup(options.backup() && dest.exists()).before(makeParents);
        if (source.remote()) {
            write.fromHost(source.remotePath());
        }
        AtomicWrite.Written written = write.run(context.target(), new FileFacts().probe(finalDest));

        ModuleResult.Builder result = ModuleResult.builder().changed(true).put("dest", finalDest)
                .put("src", source.resultSrc())
                .put("md5sum", source.remote() ? md5OnHost : md5(source.bytes()))
                .put("checksum", checksum);
        if (written.backupFile() != null) {
            result.put("backup_file", written.backupFile());
        }
        result.putAll(FileResults.pathInfo(written.facts().state(0)));
        if (!source.remote()) {
            result.put("diff", diffs);
        }
        return result.build();
    }

    /** The content already matches: what Ansible's file module (state=file) would do about owner/group/mode. */
    private static ModuleResult attributesOnly(ModuleContext context, Options options, FactReport facts,
                                              FileState dest, String destFile, String checksum, Source source)
            throws IOException, FileModuleError {
        String path = options.follow() && dest.isLink() && dest.realPath() != null ? dest.realPath() : destFile;
        Inode inode = dest.followed();
        FileAttributes.Change change = options.attributes().plan(path, inode, facts);
        FileState after = dest;
        String md5 = source.remote() ? facts.state(facts.states().size() - 1).checksum() : null;
        if (change.changed() && !context.checkMode()) {
            HostScript script = new HostScript().lines(change.commands(RemotePath.word(path)));
            if (change.chownTo() == null && change.chgrpTo() == null && !dest.isLink()) {
                // Only a chmod: the file's stat afterwards is known without asking.
                script.run(context.target(), null, null);
                after = dest.withLstat(dest.lstat().withMode(change.chmodTo()));
            } else {
                after = script.run(context.target(), null, new FileFacts().probe(path)).state(0);
            }
        }
        ModuleResult.Builder result = ModuleResult.builder().changed(change.changed());
        if (source.remote()) {
            return result.put("dest", path).put("src", source.resultSrc()).put("md5sum", md5).put("checksum", checksum)
                    .putAll(FileResults.pathInfo(after)).build();
        }
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> afterDiff = new LinkedHashMap<>();
        before.put("path", path);
        afterDiff.put("path", path);
        change.addTo(before, afterDiff);
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before", before);
        diff.put("after", afterDiff);
        return result.put("path", path).put("diff", diff).putAll(FileResults.pathInfo(after)).put("dest", path)
                .put("checksum", checksum).build();
    }

    /** mkdir for each missing directory above dest (copy to "dir/"), with directory_mode, owner and group. */
    private static List<String> createDirectories(String dir, Options options, FactReport facts)
            throws FileModuleError {
        Inode fresh = new Inode(Inode.Kind.DIRECTORY, 0777 & ~facts.umask(), callerId(facts, 0), callerId(facts, 1),
                null, null, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        FileAttributes.Change change = options.attributes().withMode(options.directoryMode()).plan(dir, fresh, facts);
        List<String> commands = new ArrayList<>();
        String current = dir.startsWith("/") ? "" : null;
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            current = current == null ? part : current + "/" + part;
            String word = RemotePath.word(current);
            StringBuilder line = new StringBuilder("[ -d " + word + " ] || { mkdir -- " + word + " || fail "
                    + ShellQuote.quote("Could not create directory " + current) + "; ");
            change.commands(word).forEach(c -> line.append(c).append("; "));
            commands.add(line.append('}').toString());
        }
        return commands;
    }

    private static long callerId(FactReport facts, int which) {
        return facts.callerIds() == null ? -1 : facts.callerIds()[which];
    }

    private static boolean isRegular(FileState state, boolean follow) {
        Inode inode = follow ? state.followed() : state.lstat();
        return inode != null && inode.isRegular();
    }

    /** Ansible's _get_diff_data: the destination's text before, the source's after, or markers for binary/large. */
    private static Map<String, Object> diff(FileState dest, String destFile, Source source) {
        Map<String, Object> diff = new LinkedHashMap<>();
        if (!dest.exists()) {
            diff.put("before", "");
        } else if (dest.contentTooLarge()) {
            diff.put("dst_larger", FileFacts.MAX_DIFF_SIZE);
        } else if (dest.content() != null && hasNul(dest.content(), 8192)) {
            diff.put("dst_binary", 1);
        } else if (dest.content() != null) {
            diff.put("before_header", destFile);
            diff.put("before", new String(dest.content(), StandardCharsets.UTF_8));
        }
        byte[] bytes = source.bytes();
        if (bytes.length > FileFacts.MAX_DIFF_SIZE) {
            diff.put("src_larger", FileFacts.MAX_DIFF_SIZE);
        } else if (hasNul(bytes, bytes.length)) {
            diff.put("src_binary", 1);
        } else {
            diff.put("after_header", source.diffHeader());
            diff.put("after", new String(bytes, StandardCharsets.UTF_8));
        }
        return diff;
    }

    private static boolean hasNul(byte[] bytes, int limit) {
        for (int i = 0; i < Math.min(limit, bytes.length); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
