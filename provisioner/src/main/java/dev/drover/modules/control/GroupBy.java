package dev.drover.modules.control;

import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.List;

/**
 * Ansible's group_by: puts the host in a group named by {@code key} (spaces become dashes),
 * the group under {@code parents} (default {@code all}). The executor applies the result to
 * the inventory the following plays select from.
 */
public final class GroupBy implements Module {

    @Override
    public String name() {
        return "group_by";
    }

    @Override
    public ArgSpec spec() {
        return null;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Object key = args.asMap().get("key");
        if (key == null) {
            throw new ArgumentError("the 'key' param is required when using group_by");
        }
        Object given = args.asMap().get("parents");
        // A single text is one group name (Ansible does not split it at commas).
        List<String> parents = given == null ? List.of("all")
                : given instanceof List<?> list ? list.stream().map(p -> String.valueOf(p).strip()).toList() : List.of(String.valueOf(given).strip());
        return ModuleResult.builder().changed(true)
                .put("add_group", String.valueOf(key).replace(' ', '-'))
                .put("parent_groups", parents.stream().map(p -> p.replace(' ', '-')).toList())
                .build();
    }
}
