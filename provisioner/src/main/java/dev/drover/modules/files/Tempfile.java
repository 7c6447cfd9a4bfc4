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
 * on the host: PREFIX + 8 random characters + SUFFIX, in {@code path} or else
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
        boolean directory = args.string("state").equals("directory");
        // Python's names: 8 characters of [a-z0-9_]; created exclusively, 0600 or 0700, as mkstemp/mkdtemp do.
        String name = args.string("prefix") + randomName() + args.string("suffix");
        String made = "LC_ALL=C; export LC_ALL\nd=" + dir + "; t=\"${d%/}\"/" + ShellQuote.quote(name)
                + "; printf 'P %s\\n' \"$t\"\n"
                + (directory ? "mkdir -m 0700 -- \"$t\"" : "umask 077; set -C; { true > \"$t\"; }")
                + " 2>/dev/null || { [ -d \"$d\" ] && echo 'Q 17' || echo 'Q 2'; exit 3; }\n"
                + "exec " + FileFacts.statCommand("\"$t\"");
        CommandResult result = context.target().run(made);
        FactReport report = FactReport.parse(result, List.of(), List.of());
        if (result.exitCode() != 0 || report.states().isEmpty() || report.state(0).lstat() == null) {
            String path = report.states().isEmpty() ? name : report.state(0).path();
            List<String> errno = report.lines("Q");
            return ModuleResult.failed(errno.isEmpty() ? "could not create " + path + ": " + result.err().trim()
                    : errno.get(0).equals("2") ? "[Errno 2] No such file or directory: '" + path + "'"
                    : "[Errno 17] File exists: '" + path + "'");
        }
        FileState state = report.state(0);
        return ModuleResult.builder().changed(true).put("path", state.path()).putAll(FileResults.pathInfo(state)).build();
    }

    private static String randomName() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }
}
