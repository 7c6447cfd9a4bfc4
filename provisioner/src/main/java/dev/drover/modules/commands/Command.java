package dev.drover.modules.commands;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;
import java.util.List;

/**
 * Ansible's command: runs a program with arguments, not through a shell, so $VARS, globs,
 * pipes and redirections are passed as literal text. Always reports changed unless
 * creates/removes say it need not run.
 */
public final class Command implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("cmd"),
            Arg.of("argv", ArgType.LIST),
            Arg.path("chdir"),
            Arg.path("creates"),
            Arg.path("removes"),
            Arg.str("stdin"),
            Arg.bool("stdin_add_newline", true),
            Arg.bool("strip_empty_ends", true),
            Arg.bool("expand_argument_vars", true)).withFreeForm();

    @Override
    public String name() {
        return "command";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        List<String> argv = argv(args);
        ModuleResult skipped = CommandRun.guard(context.target(), argv, args.string("chdir"), args.string("creates"),
                args.string("removes"));
        if (skipped != null) {
            return skipped;
        }
        if (context.checkMode()) {
            return CommandRun.checkMode(argv, args.has("creates") || args.has("removes"));
        }
        // exec replaces the wrapping shell, so the program runs exactly as if called directly.
        String line = "exec " + ShellQuote.join(argv);
        return CommandRun.execute(context.target(), line, argv, args.string("chdir"), args.string("stdin"),
                args.bool("stdin_add_newline"), args.bool("strip_empty_ends"));
    }

    private static List<String> argv(ModuleArgs args) {
        if (args.has("argv")) {
            if (args.has("_raw_params") || args.has("cmd")) {
                throw new ArgumentError("parameters are mutually exclusive: argv|cmd|_raw_params");
            }
            return args.list("argv").stream().map(String::valueOf).toList();
        }
        String text = args.has("cmd") ? args.string("cmd") : args.string("_raw_params");
        if (text == null || text.isBlank()) {
            throw new ArgumentError("no command given");
        }
        try {
            return Argv.split(text);
        } catch (IllegalArgumentException e) {
            throw new ArgumentError("cannot split the command: " + e.getMessage() + ": " + text);
        }
    }
}
