package dev.drover.modules.commands;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;

/** Ansible's shell: the command text runs under /bin/sh (or {@code executable}), with pipes, globs and variables. */
public final class Shell implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("cmd"),
            Arg.path("chdir"),
            Arg.path("creates"),
            Arg.path("removes"),
            Arg.path("executable"),
            Arg.str("stdin"),
            Arg.bool("stdin_add_newline", true),
            Arg.bool("strip_empty_ends", true)).withFreeForm();

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        String script = args.has("cmd") ? args.string("cmd") : args.string("_raw_params");
        if (script == null || script.isBlank()) {
            throw new ArgumentError("no command given");
        }
        ModuleResult skipped = CommandRun.guard(context.target(), script, args.string("chdir"), args.string("creates"),
                args.string("removes"));
        if (skipped != null) {
            return skipped;
        }
        if (context.checkMode()) {
            return CommandRun.checkMode(script, args.has("creates") || args.has("removes"));
        }
        String shell = args.has("executable") ? args.string("executable") : "/bin/sh";
        String line = ShellQuote.quote(shell) + " -c " + ShellQuote.quote(script);
        return CommandRun.execute(context.target(), line, script, args.string("chdir"), args.string("stdin"),
                args.bool("stdin_add_newline"), args.bool("strip_empty_ends"));
    }
}
