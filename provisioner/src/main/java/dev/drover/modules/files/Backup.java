package dev.drover.modules.files;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Ansible's backup files: a preserved copy (mode, owner, times) beside the original named
 * {@code path.PID.YYYY-MM-DD@HH:MM:SS~}, in the host's local time. The PID is the remote
 * shell's, as Ansible's is the remote module's.
 */
public final class Backup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    private Backup() {
    }

    /** The name Ansible gives a backup of {@code path} made by process {@code pid} at {@code time}. */
    public static String name(String path, long pid, LocalDateTime time) {
        return path + "." + pid + "." + STAMP.format(time) + "~";
    }

    /**
     * Shell that copies the file in variable {@code pathVar} (e.g. {@code $p}) to its
     * backup name, printing {@code B <name>}; it stops the script with a failure if the copy fails.
     */
    public static String command(String pathVar) {
        return "b=\"" + pathVar + ".$$.$(date +%Y-%m-%d@%H:%M:%S)~\"; cp -p -- \"" + pathVar + "\" \"$b\""
                + " || fail \"Could not make backup of " + pathVar + " to $b\"; printf 'B %s\\n' \"$b\"";
    }
}
