package dev.drover.modules.commands;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Ansible's script: copies a controller script (found like copy's src) to a temporary
 * directory on the host and runs it there with the rest of the free-form text as its
 * arguments (through /bin/sh, so quotes and variables work as in Ansible), then removes it.
 * One command: the script travels on the command's standard input. {@code creates} and
 * {@code removes} skip the task as Ansible's action does; so does check mode unless one of
 * them is given.
 */
public final class Script implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("cmd"),
            Arg.path("creates"),
            Arg.path("removes"),
            Arg.path("chdir"),
            Arg.str("executable"),
            Arg.bool("decrypt", true)).withFreeForm();

    @Override
    public String name() {
        return "script";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        String creates = args.string("creates");
        if (creates != null && !creates.isEmpty() && exists(context, creates)) {
            return skipped(creates + " exists, matching creates option");
        }
        String removes = args.string("removes");
        if (removes != null && !removes.isEmpty() && !exists(context, removes)) {
            return skipped(removes + " does not exist, matching removes option");
        }
        String chdir = args.string("chdir");
        if (chdir != null && !chdir.isEmpty() && !chdir.startsWith("/")) {
            return ModuleResult.failed("chdir " + chdir + " must be an absolute path for a Unix-aware remote node");
        }
        String raw = (args.has("cmd") ? args.string("cmd") : args.string("_raw_params"));
        raw = raw == null ? "" : raw.strip();
        List<String> parts;
        try {
            parts = Argv.split(raw);
        } catch (IllegalArgumentException e) {
            return ModuleResult.failed("cannot split the script line: " + e.getMessage());
        }
        if (parts.isEmpty()) {
            return ModuleResult.failed("no script given: script takes the path of a local script and its arguments");
        }
        Optional<Path> found = context.files().find("files", parts.get(0));
        if (found.isEmpty() || !Files.isRegularFile(found.get())) {
            return ModuleResult.failed("Could not find or access '" + parts.get(0) + "' on the Ansible Controller.");
        }
        if (context.checkMode()) {
            if ((creates != null && !creates.isEmpty()) || (removes != null && !removes.isEmpty())) {
                return ModuleResult.builder().changed(true).build();
            }
            return skipped("Check mode is not supported for this task.");
        }
        byte[] script = Files.readAllBytes(found.get());
        String name = found.get().getFileName().toString();
        // Like Ansible, the script's name in the text is replaced by its path on the host, and the line goes to sh.
        String line = raw.replace(parts.get(0), "\"$t\"/" + ShellQuote.quote(name));
        String executable = args.string("executable");
        String run = (executable == null || executable.isEmpty() ? "" : executable + " ") + line;
        String sh = "t=$(mktemp -d) || exit 1; cat > \"$t\"/" + ShellQuote.quote(name) + " && chmod 0700 \"$t\"/"
                + ShellQuote.quote(name) + " || { rm -rf -- \"$t\"; exit 1; }\n"
                + (chdir == null || chdir.isEmpty() ? "" : "cd " + ShellQuote.quote(chdir) + " || { rm -rf -- \"$t\"; exit 1; }\n")
                + "( " + run + "\n) </dev/null; rc=$?; rm -rf -- \"$t\"; exit $rc";
        CommandResult ran = context.target().run(sh, script);
        String stdout = ran.out();
        String stderr = ran.err();
        ModuleResult.Builder result = ModuleResult.builder().changed(true).put("rc", ran.exitCode())
                .put("stdout", stdout).put("stdout_lines", lines(stdout)).put("stderr", stderr)
                .put("stderr_lines", lines(stderr));
        if (ran.exitCode() != 0) {
            result.failed("non-zero return code");
        }
        return result.build();
    }

    private static boolean exists(ModuleContext context, String path) throws IOException {
        return context.target().run("test -e " + dev.drover.modules.files.RemotePath.word(path)).ok();
    }

    private static ModuleResult skipped(String msg) {
        return ModuleResult.builder().put("skipped", true).msg(msg).build();
    }

    /** Python's splitlines(). */
    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\r\n|\r|\n"));
    }
}
