package dev.drover.modules.files;

import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.List;

/**
 * Replaces a file's content the safe way, in one round trip: the bytes go into a temp file
 * beside the destination (written by the shell's printf when small enough, see {@link
 * PrintfText}, else over stdin), which gets the old file's mode and ownership (or the
 * umask's default for a new file) and then the task's owner/group/mode, is validated if
 * asked, the old file is backed up if asked, and only then is renamed over the
 * destination. A reader never sees a half-written file; a failed validation leaves the
 * destination untouched.
 */
public final class AtomicWrite {

    /** The outcome: the facts asked for afterwards, and the backup's name when one was made. */
    public record Written(FactReport facts, String backupFile) {
    }

    private final String dest;
    private final byte[] content;
    private Inode replaces;
    private int newFileMode = 0644;
    private FileAttributes.Change attributes;
    private String validate;
    private boolean backup;
    private boolean makeParents;
    private List<String> before = List.of();
    private String hostSource;
    private Integer umask;

    /** @param dest the path to write (symlinks already resolved if they are to be followed) */
    public AtomicWrite(String dest, byte[] content) {
        this.dest = dest;
        this.content = content;
    }

    /** The regular file being replaced, whose mode and ownership carry over; null for a new file. */
    public AtomicWrite replacing(Inode existing) {
        this.replaces = existing;
        return this;
    }

    /** Permissions for a new file: Ansible uses 0666 minus the umask. */
    public AtomicWrite newFileMode(int mode) {
        this.newFileMode = mode;
        return this;
    }

    public AtomicWrite attributes(FileAttributes.Change change) {
        this.attributes = change;
        return this;
    }

    /** A command with {@code %s} for the file to check, as Ansible's validate argument. */
    public AtomicWrite validate(String command) {
        this.validate = command;
        return this;
    }

    public AtomicWrite backup(boolean wanted) {
        this.backup = wanted;
        return this;
    }

    /** Commands to run first, e.g. creating the destination's directories with their own attributes. */
    public AtomicWrite before(List<String> commands) {
        this.before = List.copyOf(commands);
        return this;
    }

    /** Takes the bytes from a file already on the host (copy with remote_src) instead of stdin. */
    public AtomicWrite fromHost(String path) {
        this.hostSource = path;
        return this;
    }

    /** The host's umask, when known, to put back once the temp file exists (later steps may create files). */
    public AtomicWrite restoreUmask(int value) {
        this.umask = value;
        return this;
    }

    /** Creates missing parent directories first (lineinfile and blockinfile with create=yes). */
    public AtomicWrite makeParents(boolean wanted) {
        this.makeParents = wanted;
        return this;
    }

    static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    public Written run(Target target, FileFacts after) throws IOException, FileModuleError {
        HostScript script = new HostScript();
        String dir = RemotePath.parent(dest);
        String dirWord = RemotePath.word(dir.isEmpty() ? "." : dir);
        script.line("p=" + RemotePath.word(dest) + "; d=" + dirWord);
        script.lines(before);
        if (makeParents) {
            script.line("[ -d \"$d\" ] || mkdir -p -- \"$d\" || fail " + ShellQuote.quote("Error creating " + dir));
        }
        // The temp name is chosen here, not by mktemp, so validate can name it literally as Ansible does;
        // noclobber makes creating it fail rather than reuse a file that is already there.
        String temp = RemotePath.join(dir.isEmpty() ? "." : dir, ".drover." + randomSuffix());
        script.line("t=" + RemotePath.word(temp));
        // Created with its final permissions where umask can express them (a redirection makes 0666 at
        // most), so the content is never more readable than it will be; execute and setuid/setgid/sticky
        // bits are set with chmod after chown, which would clear the latter. The script has a subshell of
        // its own (the transport's), so umask and noclobber need none.
        int finalMode = attributes != null && attributes.chmodTo() != null ? attributes.chmodTo()
                : replaces != null ? replaces.mode() : newFileMode;
        boolean plainMode = (finalMode & ~0666) == 0;
        script.line("umask " + String.format("%04o", plainMode ? 0777 & ~finalMode : 077) + "; set -C; : > \"$t\" || fail "
                + ShellQuote.quote("Destination " + (dir.isEmpty() ? "." : dir) + " not writable") + "; set +C"
                + (umask == null ? "" : "; umask " + String.format("%04o", umask)));
        script.line("trap 'rm -f -- \"$t\" \"$t.err\"' EXIT");
        String printf = hostSource == null ? PrintfText.command(content) : null;
        boolean viaStdin = hostSource == null && printf == null;
        if (hostSource != null) {
            // Like shutil.copyfile + copystat: the source's bytes and times.
            String src = RemotePath.word(hostSource);
            script.line("cat -- " + src + " > \"$t\" && touch -r " + src + " -- \"$t\" || fail "
                    + ShellQuote.quote("failed to copy: " + hostSource + " to " + dest));
        } else if (viaStdin) {
            script.line("cat > \"$t\" || fail " + ShellQuote.quote("failed to write " + dest));
        } else if (content.length > 0) {
            script.line(printf + " > \"$t\" || fail " + ShellQuote.quote("failed to write " + dest));
        }
        if (replaces != null) {
            // Like Ansible's atomic_move: keep the old owner when allowed, carry on when not. A new file is
            // ours (group: the directory's when it is setgid), so chown only when the old one is not.
            script.line("[ -O \"$p\" ] && [ -G \"$p\" ] && [ ! -g \"$d\" ] || chown " + replaces.uid() + ":"
                    + replaces.gid() + " -- \"$t\" 2>/dev/null || :");
        }
        if (attributes != null) {
            script.lines(attributes.ownershipCommands("\"$t\""));
        }
        if (!plainMode) {
            script.line("chmod " + String.format("%05o", finalMode) + " -- \"$t\" || fail chmod");
        }
        if (validate != null) {
            if (!validate.contains("%s")) {
                throw new FileModuleError("validate must contain %s: " + validate);
            }
            String check = validate.replace("%%", "\u0000").replace("%s", RemotePath.word(temp)).replace("\u0000", "%");
            script.line("vo=$( { " + check + " ; } 2>\"$t.err\" </dev/null ); vr=$?");
            script.line("if [ $vr -ne 0 ]; then printf 'V %s %s %s\\n' \"$vr\" \"$(printf %s \"$vo\" | base64 -w0)\""
                    + " \"$(base64 -w0 < \"$t.err\")\"; exit 1; fi");
        }
        if (backup && replaces != null) {
            script.line(Backup.command("$p"));
        }
        if (validate != null) {
            script.line("mv -fT -- \"$t\" \"$p\" || fail " + ShellQuote.quote("Could not replace " + dest));
            script.line("trap - EXIT; rm -f -- \"$t.err\"");
        } else {
            // The rename is the script's last process when no facts follow: on failure the temp file is removed
            // by a second command, as the trap cannot outlive the exec.
            script.lastly("mv -fT -- \"$t\" \"$p\"", "Could not replace " + dest, "rm -f -- " + RemotePath.word(temp),
                    "trap - EXIT");
        }
        FactReport report = script.run(target, viaStdin ? content : null, after);
        List<String> backups = report.lines("B");
        return new Written(report, backups.isEmpty() ? null : backups.get(0));
    }
}
