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
        ModuleResult result;
        try {
            result = apply(args, context);
        } catch (ModuleFailure e) {
            result = e.toResult();
        }
        return withLines(result);
    }

    /** Like Ansible's executor: a result with stdout (stderr) also gets stdout_lines (stderr_lines). */
    static ModuleResult withLines(ModuleResult result) {
        for (String stream : new String[] {"stdout", "stderr"}) {
            Object text = result.get(stream);
            if (text != null && result.get(stream + "_lines") == null) {
                result = result.with(stream + "_lines", HostRun.lines(String.valueOf(text)));
            }
        }
        return result;
    }
}
