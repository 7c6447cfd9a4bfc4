package dev.drover.modules.control;

import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.List;

/** Ansible's assert: every condition in {@code that} must hold, or the task fails naming the first that did not. */
public final class Assert implements Module {

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.raw("that").mandatory(),
            Arg.raw("fail_msg").aliases("msg"),
            Arg.raw("success_msg"),
            Arg.of("quiet", ArgType.BOOL).defaultsTo(false));

    @Override
    public String name() {
        return "assert";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Object that = args.get("that");
        List<?> conditions = that instanceof List<?> list ? list : List.of(that);
        for (Object condition : conditions) {
            String text = condition instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(condition);
            if (!context.templates().isTrue(text)) {
                Object message = args.has("fail_msg") ? args.get("fail_msg") : "Assertion failed";
                return ModuleResult.builder().changed(false).put("failed", true).put("assertion", text)
                        .put("evaluated_to", false).put("msg", message).build();
            }
        }
        Object message = args.has("success_msg") ? args.get("success_msg") : "All assertions passed";
        return ModuleResult.builder().changed(false).put("msg", message).build();
    }
}
