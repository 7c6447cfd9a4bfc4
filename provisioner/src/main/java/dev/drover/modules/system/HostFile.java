package dev.drover.modules.system;

import dev.drover.modules.ModuleContext;
import dev.drover.transport.ShellQuote;
import java.io.IOException;

/** A whole text file replaced on the host the way Ansible's atomic_move leaves it. */
final class HostFile {

    private HostFile() {
    }

    /** Written beside the file and renamed over it, keeping an existing file's mode and owner (Ansible's atomic_move). */
    static void replace(ModuleContext context, String file, String text) throws IOException, ModuleFailure {
        String f = ShellQuote.quote(file);
        HostRun ran = HostRun.sh(context.target(), "f=" + f + "; t=$(mktemp \"$(dirname -- \"$f\")/.drover.XXXXXXXXXX\") || exit 1\n"
                + "cat > \"$t\" || { rm -f -- \"$t\"; exit 1; }\n"
                + "if [ -e \"$f\" ]; then chmod --reference=\"$f\" -- \"$t\"; chown --reference=\"$f\" -- \"$t\" 2>/dev/null;"
                + " else chmod \"$(printf '%o' $((0666 & ~$(umask))))\" -- \"$t\"; fi\n"
                + "mv -f -- \"$t\" \"$f\" || { rm -f -- \"$t\"; exit 1; }", text);
        if (!ran.ok()) {
            throw new ModuleFailure("Failed to write to file " + file + ": " + ran.stderr().strip());
        }
    }
}
