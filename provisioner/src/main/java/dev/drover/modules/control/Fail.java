package dev.drover.modules.control;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;

/** Ansible's fail: fails the task with a message. */
public final class Fail implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(Arg.raw("msg").defaultsTo("Failed as requested from task"));

    @Override
    public String name() {
        return "fail";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        return ModuleResult.builder().changed(false).put("failed", true).put("msg", args.get("msg")).build();
    }
}
