package dev.drover.modules.control;

import dev.drover.modules.ArgSpec;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result an include_tasks or include_role task reports on each host: what it includes.
 * The including itself is the executor's (it needs the play); this only gives the task the
 * result Ansible shows, {@code include} and {@code include_args}, with its file name templated.
 */
public final class IncludeAction implements Module {

    private final String name;

    private IncludeAction(String name) {
        this.name = name;
    }

    public static IncludeAction tasks() {
        return new IncludeAction("include_tasks");
    }

    public static IncludeAction role() {
        return new IncludeAction("include_role");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ArgSpec spec() {
        return null;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Map<String, Object> includeArgs = new LinkedHashMap<>(args.asMap());
        ModuleResult.Builder result = ModuleResult.builder().changed(false);
        if (name.equals("include_tasks")) {
            Object file = includeArgs.containsKey("file") ? includeArgs.remove("file") : includeArgs.remove("_raw_params");
            result.put("include", file == null ? null : String.valueOf(file));
        }
        return result.put("include_args", includeArgs).build();
    }
}
