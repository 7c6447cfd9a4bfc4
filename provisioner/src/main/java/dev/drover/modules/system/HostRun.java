package dev.drover.modules.system;

import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import dev.drover.transport.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command run on the host the way Ansible's run_command runs it: in the C locale, with
 * its rc, stdout and stderr kept as text for the result fields.
 */
record HostRun(int rc, String stdout, String stderr) {

    static final String C_LOCALE = "LC_ALL=C LANG=C LC_MESSAGES=C LC_CTYPE=C; export LC_ALL LANG LC_MESSAGES LC_CTYPE; ";

    static HostRun sh(Target target, String script) throws IOException {
        return sh(target, script, null);
    }

    static HostRun sh(Target target, String script, String stdin) throws IOException {
        CommandResult result = target.run(C_LOCALE + script,
                stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        return new HostRun(result.exitCode(), result.out(), result.err());
    }

    static HostRun argv(Target target, List<String> argv) throws IOException {
        return sh(target, ShellQuote.join(argv));
    }

    boolean ok() {
        return rc == 0;
    }

    /** Python's splitlines(), as Ansible fills stdout_lines. */
    static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\r\n|\r|\n"));
    }
}
