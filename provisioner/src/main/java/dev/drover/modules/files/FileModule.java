package dev.drover.modules.files;

import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.io.IOException;

/**
 * A file module written as "apply, or fail with a FileModuleError": the error becomes a
 * failed result with Ansible's fields (and the diff so far), in this one place.
 */
interface FileModule extends Module {

    ModuleResult apply(ModuleArgs args, ModuleContext context) throws IOException, FileModuleError;

    @Override
    default ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        try {
            return apply(args, context);
        } catch (FileModuleError e) {
            return e.toResult(context);
        }
    }
}
