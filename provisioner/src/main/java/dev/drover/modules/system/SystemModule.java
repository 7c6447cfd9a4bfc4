package dev.drover.modules.system;

import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;

/** A system module written as "apply, or fail with a ModuleFailure"; the failure becomes a failed result here. */
interface SystemModule extends Module {

    ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, ModuleFailure;

    @Override
    default ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return apply(args, context);
        } catch (ModuleFailure e) {
            return e.toResult();
        }
    }
}
