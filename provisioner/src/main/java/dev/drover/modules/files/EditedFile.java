package dev.drover.modules.files;

import dev.drover.modules.ModuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A text file edited in place, as lineinfile and blockinfile do: read whole in one round
 * trip, edited in Java, and written back (with the task's owner/group/mode) in one more,
 * only when something changes and never in check mode. Symlinks are followed: the file
 * they point to is the one rewritten.
 */
final class EditedFile {

    /** What writing did: the attribute change applied (or that would be), and the backup made. */
    record Applied(FileAttributes.Change attributes, String backupFile) {
    }

    private final ModuleContext context;
    private final FileAttributes attributes;
    private final FactReport facts;
    private final FileState state;

    private EditedFile(ModuleContext context, FileAttributes attributes, FactReport facts) {
        this.context = context;
        this.attributes = attributes;
        this.facts = facts;
        this.state = facts.state(0);
    }

    static EditedFile read(ModuleContext context, String path, FileAttributes attributes)
            throws IOException, FileModuleError {
        FileFacts query = attributes.ask(new FileFacts().probe(FileFacts.Probe.of(path).withContent(Long.MAX_VALUE).withoutNames()));
        return new EditedFile(context, attributes, query.read(context.target()));
    }

    FileState state() {
        return state;
    }

    /** os.path.exists: a dangling symlink counts as missing. */
    boolean exists() {
        return state.existsFollowed();
    }

    boolean isDirectory() {
        return state.isDirFollowed();
    }

    /** The content as "bytes as chars" (see {@link PythonRegex}); empty for a missing file. */
    String text() throws FileModuleError {
        if (state.unreadable()) {
            throw new FileModuleError(state.statError()).with("path", state.path());
        }
        if (exists() && state.content() == null) {
            throw new FileModuleError("Could not read " + state.path() + ": permission denied").with("path", state.path());
        }
        byte[] content = state.content() == null ? new byte[0] : state.content();
        return new String(content, StandardCharsets.ISO_8859_1);
    }

    /**
     * Brings the file to {@code newText} (null: content unchanged) and the task's
     * attributes. In check mode nothing runs; the returned change says what would.
     */
    Applied apply(String newText, boolean backup, String validate, boolean makeParents) throws IOException, FileModuleError {
        String realPath = state.isLink() && state.realPath() != null ? state.realPath() : state.path();
        Inode existing = exists() ? state.followed() : null;
        Inode planned = existing != null ? existing : newFile();
        FileAttributes.Change change = attributes.plan(state.path(), planned, facts);
        if (context.checkMode()) {
            return new Applied(change, null);
        }
        if (newText != null) {
            AtomicWrite write = new AtomicWrite(realPath, newText.getBytes(StandardCharsets.ISO_8859_1))
                    .replacing(existing != null && existing.isRegular() ? existing : null)
                    .newFileMode(0666 & ~facts.umask())
                    .restoreUmask(facts.umask())
                    .attributes(change)
                    .backup(backup && existing != null)
                    .validate(validate)
                    .makeParents(makeParents);
            try {
                return new Applied(change, write.run(context.target(), null).backupFile());
            } catch (FileModuleError e) {
                if (e.fields().containsKey("exit_status")) {
                    // lineinfile and blockinfile word a failed validation differently from copy.
                    throw new FileModuleError("failed to validate: rc:" + e.fields().get("exit_status") + " error:"
                            + e.fields().get("stderr"));
                }
                throw e;
            }
        }
        if (change.changed()) {
            new HostScript().lines(change.commands(RemotePath.word(realPath))).run(context.target(), null, null);
        }
        return new Applied(change, null);
    }

    /** The stat a file about to be created will have: umask default mode, owned by the user we run as. */
    private Inode newFile() {
        long[] ids = facts.callerIds() == null ? new long[] {-1, -1} : facts.callerIds();
        return new Inode(Inode.Kind.FILE, 0666 & ~facts.umask(), ids[0], ids[1], null, null, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
