package dev.drover.modules.files;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.List;

/**
 * Ansible's tempfile: a new file (mode 0600) or directory (0700) with a unique name, made
 * by mktemp on the host: PREFIX + 8 random characters + SUFFIX, in {@code path} or else
 * $TMPDIR or /tmp, as Python's mkstemp/mkdtemp do. Always changed; like Ansible's module,
 * which does not support check mode, it is skipped in check mode.
 */
public final class Tempfile implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("state").defaultsTo("file").choices("file", "directory"),
            Arg.path("path"),
            Arg.str("prefix").defaultsTo("ansible."),
            Arg.str("suffix").defaultsTo(""));

    @Override
    public String name() {
        return "tempfile";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        if (context.checkMode()) {
            return ModuleResult.builder().put("skipped", true)
                    .msg("remote module (tempfile) does not support check mode").build();
        }
        String dir = args.has("path") ? RemotePath.word(args.string("path")) : "\"${TMPDIR:-/tmp}\"";
        String template = ShellQuote.quote(args.string("prefix") + "XXXXXXXX");
        String made = "t=$(mktemp " + (args.string("state").equals("directory") ? "-d " : "")
                + "--suffix=" + ShellQuote.quote(args.string("suffix")) + " -p " + dir + " -- " + template + ") || exit 3\n"
                + "printf 'P %s\\n' \"$t\"; exec " + FileFacts.statCommand("\"$t\"");
        CommandResult result = context.target().run("LC_ALL=C; export LC_ALL\n" + made);
        FactReport report = FactReport.parse(result, List.of(), List.of());
        if (result.exitCode() != 0 || report.states().isEmpty()) {
            return ModuleResult.failed(mktempError(result.err().trim(), args.has("path") ? args.string("path") : "/tmp"));
        }
        FileState state = report.state(0);
        return ModuleResult.builder().changed(true).put("path", state.path()).putAll(FileResults.pathInfo(state)).build();
    }

    /** mktemp's complaint as Python's OSError would put it, e.g. "[Errno 2] No such file or directory: '/x/ansible.abc'". */
    static String mktempError(String stderr, String dir) {
        if (stderr.contains("No such file or directory")) {
            return "[Errno 2] No such file or directory: '" + dir + "'";
        }
        if (stderr.contains("Permission denied")) {
            return "[Errno 13] Permission denied: '" + dir + "'";
        }
        return stderr;
    }
}
