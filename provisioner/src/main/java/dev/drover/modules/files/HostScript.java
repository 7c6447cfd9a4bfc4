package dev.drover.modules.files;

import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.List;

/**
 * A change made on the host in one round trip: a POSIX sh script whose steps stop at the
 * first failure with {@code fail 'what went wrong'}, followed by a fact query so the
 * module learns the result (mode, owner, size, ...) without asking again.
 *
 * <p>The script runs in its own subshell (see the transport), so its steps may change the
 * umask or shell options without one of their own; the umask is printed before they run.
 */
public final class HostScript {

    private static final String PRELUDE = "LC_ALL=C; export LC_ALL\n"
            + "fail() { printf 'Z %s\\n' \"$1\"; exit 1; }\n"
            + "printf 'M '; umask\n";

    private final StringBuilder sh = new StringBuilder(PRELUDE);

    /** Appends one command line (several commands joined with ; or && are fine). */
    public HostScript line(String command) {
        sh.append(command).append('\n');
        return this;
    }

    public HostScript lines(List<String> commands) {
        commands.forEach(this::line);
        return this;
    }

    private String last;
    private String lastFailure;
    private String cleanup;
    private String afterLast;

    /**
     * Ends the script with {@code command}. When no facts follow, it is exec'd: its process
     * takes the place of the script's shell instead of being forked from it (and the shell's
     * traps go with it). If it then fails, the error is {@code failure} with what it said on
     * stderr, and {@code cleanupCommand} (if not null) runs as a second command, as the traps
     * could not. When facts follow, it runs as a step ({@code || fail failure}) followed by
     * {@code thenLine} (e.g. clearing a trap).
     */
    public HostScript lastly(String command, String failure, String cleanupCommand, String thenLine) {
        this.last = command;
        this.lastFailure = failure;
        this.cleanup = cleanupCommand;
        this.afterLast = thenLine;
        return this;
    }

    public String text(FileFacts after) {
        boolean facts = after != null && after.asksAnything();
        String end = last == null ? ""
                : facts ? last + " || fail " + ShellQuote.quote(lastFailure) + "\n" + afterLast + "\n"
                : "exec " + last + "\n";
        return sh + end + (facts ? after.script(false) : "");
    }

    private boolean execsLast(FileFacts after) {
        return last != null && (after == null || !after.asksAnything());
    }

    /**
     * Runs the script feeding {@code stdin}, then reads {@code after}'s facts.
     *
     * @throws FileModuleError naming the failed step and what the command said on stderr
     */
    public FactReport run(Target target, byte[] stdin, FileFacts after) throws IOException, FileModuleError {
        FileFacts facts = after == null ? new FileFacts() : after;
        CommandResult result = target.run(text(facts), stdin == null ? new byte[0] : stdin);
        FactReport report = facts.parse(result);
        List<String> validation = report.lines("V");
        if (!validation.isEmpty()) {
            String[] v = (validation.get(0) + "  ").split(" ", -1);
            String out = decode(v[1]);
            String err = decode(v[2]);
            throw new FileModuleError("failed to validate").with("exit_status", Integer.parseInt(v[0]))
                    .with("stdout", out).with("stderr", err).with("stdout_lines", lines(out))
                    .with("stderr_lines", lines(err));
        }
        List<String> failed = report.lines("Z");
        if (failed.isEmpty() && result.exitCode() != 0 && execsLast(after)) {
            String err = result.err().trim();
            if (cleanup != null) {
                target.run(cleanup);
            }
            throw new FileModuleError(err.isEmpty() ? lastFailure : lastFailure + ": " + err);
        }
        if (!failed.isEmpty() || (result.exitCode() != 0 && report.states().isEmpty())) {
            String step = failed.isEmpty() ? "command failed (rc " + result.exitCode() + ")" : failed.get(0);
            String err = result.err().trim();
            throw new FileModuleError(err.isEmpty() ? step : step + ": " + err);
        }
        return report;
    }

    /** Python's splitlines(), as Ansible adds stdout_lines and stderr_lines. */
    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\r\n|\r|\n"));
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64.trim()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
