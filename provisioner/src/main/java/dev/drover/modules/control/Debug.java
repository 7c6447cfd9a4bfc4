package dev.drover.modules.control;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.template.TemplateError;

/** Ansible's debug: prints a message or a variable; runs on the controller and never changes anything. */
public final class Debug implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.raw("msg").defaultsTo("Hello world!"),
            Arg.raw("var"),
            Arg.of("verbosity", ArgType.INT).defaultsTo(0L)).mutuallyExclusive("msg", "var");

    @Override
    public String name() {
        return "debug";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        long needed = args.integer("verbosity");
        Object current = needed > 0 ? context.templates().evaluate("ansible_verbosity | default(0)") : 0;
        if (needed > ((Number) current).longValue()) {
            return ModuleResult.builder().changed(false).put("skipped", true)
                    .put("skipped_reason", "Verbosity threshold not met.").build();
        }
        if (args.given("var")) {
            String expression = args.string("var");
            Object value;
            try {
                value = context.templates().evaluate(expression);
            } catch (TemplateError e) {
                value = "VARIABLE IS NOT DEFINED!";
            }
            return ModuleResult.builder().changed(false).put(expression, value).build();
        }
        Object msg = args.get("msg");
        if (msg == null) {
            throw new ArgumentError("msg is empty");
        }
        return ModuleResult.builder().changed(false).put("msg", msg).build();
    }
}
