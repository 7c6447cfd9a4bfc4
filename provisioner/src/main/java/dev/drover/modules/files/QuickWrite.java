package dev.drover.modules.files;

import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.List;

/**
 * Copy's common case in one round trip: content known on the controller, going to a
 * regular file or to a new one in an existing directory, with at most a numeric mode. The
 * content travels with the command ({@link PrintfText}, or stdin when large), and the
 * script compares before it writes:
 *
 * <ul>
 *   <li>the same sha1 ({@code K same}): nothing is written; the file's checksum and stat
 *       come back, and the stat is the script's last process, exec'd in place of its
 *       subshell, so an unchanged file costs sha1sum and stat and nothing else;
 *   <li>a different or missing file ({@code K wrote}): the old stat comes back, the content
 *       goes to a temp file beside the destination, created with its final mode through the
 *       umask (chmod only for modes a umask cannot give, chown only when the old owner is
 *       not the caller), and is renamed over it. Only a new file, or one whose owner could
 *       not be kept, is stat'ed again: otherwise the result is known exactly;
 *   <li>anything else ({@code K look}: a symlink, a directory, a missing parent, ...): no
 *       change, and the facts of {@code look} come back for the usual two-step path.
 * </ul>
 */
final class QuickWrite {

    /** What the script did and what it saw; states are the destination before, then after when stat'ed. */
    record Outcome(String kind, FactReport report, CommandResult result) {

        boolean look() {
            return kind.equals("look");
        }

        boolean same() {
            return kind.equals("same");
        }
    }

    private QuickWrite() {
    }

    /**
     * @param dest  the destination file (no trailing slash)
     * @param mode  the numeric mode asked for, or null to keep the old file's (or the umask's for a new file)
     * @param look  the facts the usual path needs, printed instead when the case is not a simple one
     */
    static Outcome run(Target target, String dest, byte[] content, String sha1, Integer mode, FileFacts look)
            throws IOException, FileModuleError {
        String printf = PrintfText.command(content);
        String temp = RemotePath.join(dirShown(dest), ".drover." + AtomicWrite.randomSuffix());
        Outcome outcome = runScript(target, script(dest, temp, content, printf, sha1, mode, look),
                printf == null ? content : new byte[0], look);
        if (outcome.same() && !outcome.report().state(0).exists()) {
            throw new FileModuleError("could not read " + dest + " on the host: "
                    + outcome.report().state(0).statError());
        }
        if (outcome.kind().equals("wrote") && outcome.report().states().size() == 1
                && outcome.result().exitCode() != 0) {
            // The exec'd rename failed: its shell's trap went with the exec, so the temp file is removed here.
            target.run("rm -f -- " + RemotePath.word(temp));
            String err = outcome.result().err().trim();
            throw new FileModuleError("Could not replace " + dest + (err.isEmpty() ? "" : ": " + err));
        }
        return outcome;
    }

    /**
     * Runs a script that either acts and prints {@code K <what>} with its own {@code P}
     * blocks, or prints {@code K look} and {@code look}'s facts; {@code fail} lines become a
     * {@link FileModuleError}.
     */
    static Outcome runScript(Target target, String script, byte[] stdin, FileFacts look)
            throws IOException, FileModuleError {
        CommandResult result = target.run(script, stdin);
        FactReport plain = FactReport.parse(result, List.of(), List.of());
        List<String> kind = plain.lines("K");
        List<String> failed = plain.lines("Z");
        String err = result.err().trim();
        if (kind.isEmpty()) {
            // The script never started (sudo refusing, a broken shell): as for any fact query.
            throw new FileModuleError("could not read file facts from the host (rc " + result.exitCode() + ")"
                    + (err.isEmpty() ? "" : ": " + err)).with("rc", result.exitCode());
        }
        if (!failed.isEmpty()) {
            throw new FileModuleError(err.isEmpty() ? failed.get(0) : failed.get(0) + ": " + err);
        }
        String what = kind.get(kind.size() - 1).trim();
        if (what.equals("look")) {
            return new Outcome(what, look.parse(result), result);
        }
        if (plain.states().isEmpty()) {
            throw new FileModuleError("the host did not report the result (rc " + result.exitCode() + ")"
                    + (err.isEmpty() ? "" : ": " + err));
        }
        return new Outcome(what, plain, result);
    }

    /** The start of every such script: locale, fail(), and the umask before anything changes it. */
    static final String PRELUDE = "LC_ALL=C; export LC_ALL\n"
            + "fail() { printf 'Z %s\\n' \"$1\"; exit 1; }\n"
            + "printf 'M '; umask\n";

    private static String dirShown(String dest) {
        String dir = RemotePath.parent(dest);
        return dir.isEmpty() ? "." : dir;
    }

    static String script(String dest, String temp, byte[] content, String printf, String sha1, Integer mode,
                         FileFacts look) {
        String dirShown = dirShown(dest);
        String stat = FileFacts.statCommand("\"$p\"");
        StringBuilder sh = new StringBuilder(PRELUDE);
        sh.append("p=").append(RemotePath.word(dest)).append("; d=").append(RemotePath.word(dirShown)).append('\n');
        // Tests only (builtins): a symlink, something else than a file, or no directory to put a new file in.
        sh.append("if [ -h \"$p\" ] || { [ -e \"$p\" ] && [ ! -f \"$p\" ]; } || { [ ! -e \"$p\" ] && [ ! -d \"$d\" ]; };"
                + " then\nprintf 'K look\\n'\n");
        sh.append(look.script(false));
        sh.append("else\nprintf 'P %s\\n' \"$p\"; s=; f=; x=\n");
        sh.append("if [ -e \"$p\" ]; then\n");
        sh.append(" h=$(sha1sum < \"$p\" 2>/dev/null)\n");
        sh.append(" if [ \"${h%% *}\" = ").append(sha1).append(" ]; then printf 'K same\\nH %s\\n' ").append(sha1)
                .append("; exec ").append(stat).append("; fi\n");
        sh.append(" s=$(").append(stat).append(") || fail \"$s\"\n");
        // The old stat's fields as positional parameters: $2 raw mode (hex), $3 uid, $4 gid.
        sh.append(" printf '%s\\n' \"$s\"; set -f; set -- $s\n");
        sh.append("fi\n");
        sh.append("t=").append(RemotePath.word(temp)).append('\n');
        // The temp file gets its final mode from the umask when one can express it (a redirection makes
        // 0666 at most); otherwise 0600 and a chmod after the chown, which would clear setuid/setgid.
        if (mode != null) {
            boolean plainMode = (mode & ~0666) == 0;
            sh.append("umask ").append(String.format("%04o", plainMode ? 0777 & ~mode : 077)).append('\n');
            if (!plainMode) {
                sh.append("x=").append(String.format("%05o", mode)).append('\n');
            }
        } else {
            // Keep the old file's mode (a new one gets the umask's 0666 default): octal digits by arithmetic.
            sh.append("if [ -n \"$s\" ]; then m=$((0x$2 & 07777)); if [ $((m & ~0666)) -eq 0 ]; then"
                    + " umask $(( (~m >> 6 & 7) * 100 + (~m >> 3 & 7) * 10 + (~m & 7) )); else umask 0077;"
                    + " x=0$(( (m >> 9 & 7) * 1000 + (m >> 6 & 7) * 100 + (m >> 3 & 7) * 10 + (m & 7) )); fi; fi\n");
        }
        sh.append("set -C; : > \"$t\" || fail ").append(ShellQuote.quote("Destination " + dirShown + " not writable"))
                .append("; set +C\n");
        sh.append("trap 'rm -f -- \"$t\"' EXIT\n");
        String failWrite = " || fail " + ShellQuote.quote("failed to write " + dest) + "\n";
        if (printf == null) {
            sh.append("cat > \"$t\"").append(failWrite);
        } else if (content.length > 0) {
            sh.append(printf).append(" > \"$t\"").append(failWrite);
        }
        // Like Ansible's atomic_move: keep the old owner when allowed; when not, the new owner is learnt by stat.
        sh.append("if [ -n \"$s\" ]; then [ -O \"$p\" ] && [ -G \"$p\" ] && [ ! -g \"$d\" ] ||"
                + " chown \"$3:$4\" -- \"$t\" 2>/dev/null || f=1; fi\n");
        sh.append("[ -z \"$x\" ] || chmod \"$x\" -- \"$t\" || fail chmod\n");
        // The last process is the stat of a new file (or one whose owner changed), else the rename itself.
        sh.append("printf 'K wrote\\n'\n");
        sh.append("if [ -n \"$f\" ] || [ -z \"$s\" ]; then mv -fT -- \"$t\" \"$p\" || fail ")
                .append(ShellQuote.quote("Could not replace " + dest)).append("\n trap - EXIT; printf 'P %s\\n' \"$p\"; exec ")
                .append(stat).append("\nfi\nexec mv -fT -- \"$t\" \"$p\"\nfi\n");
        return sh.toString();
    }
}
