package dev.drover.modules.commands;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.transport.CommandResult;
import dev.drover.transport.ShellQuote;
import java.io.IOException;

/** Ansible's raw: the text goes to the host's shell as it is. Skipped in check mode, as in Ansible. */
public final class Raw implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(Arg.path("executable")).withFreeForm();

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        String text = args.string("_raw_params");
        if (text == null || text.isBlank()) {
            throw new ArgumentError("no command given");
        }
        if (context.checkMode()) {
            return ModuleResult.builder().put("skipped", true).msg("skipped, running in check mode").build();
        }
        String line = args.has("executable") ? ShellQuote.quote(args.string("executable")) + " -c " + ShellQuote.quote(text) : text;
        CommandResult ran = context.target().run(line);
        ModuleResult.Builder result = ModuleResult.builder().changed(true)
                .put("rc", ran.exitCode())
                .put("stdout", ran.out())
                .put("stdout_lines", CommandRun.lines(CommandRun.stripEnd(ran.out())))
                .put("stderr", ran.err())
                .put("stderr_lines", CommandRun.lines(CommandRun.stripEnd(ran.err())));
        if (ran.exitCode() != 0) {
            result.put("failed", true).msg("non-zero return code");
        }
        return result.build();
    }
}
