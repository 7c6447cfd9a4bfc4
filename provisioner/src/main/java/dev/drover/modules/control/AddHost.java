package dev.drover.modules.control;

import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's add_host: names a host (new or known), the groups it joins and variables for it.
 * The result carries Ansible's {@code add_host} dictionary; the executor adds the host to
 * the inventory the following plays select from.
 */
public final class AddHost implements Module {

    private static final Set<String> NAME_KEYS = Set.of("name", "host", "hostname");
    private static final Set<String> GROUP_KEYS = Set.of("groups", "group", "groupname");

    @Override
    public String name() {
        return "add_host";
    }

    @Override
    public ArgSpec spec() {
        return null;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        String host = null;
        List<String> groups = new ArrayList<>();
        Map<String, Object> hostVars = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : args.asMap().entrySet()) {
            if (NAME_KEYS.contains(entry.getKey())) {
                host = String.valueOf(entry.getValue()).strip();
            } else if (GROUP_KEYS.contains(entry.getKey())) {
                groups.addAll(names(entry.getValue()));
            } else if (!entry.getKey().equals("_raw_params")) {
                hostVars.put(entry.getKey(), entry.getValue());
            }
        }
        if (host == null || host.isEmpty()) {
            throw new ArgumentError("name is required");
        }
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("host_name", host);
        added.put("groups", groups);
        added.put("host_vars", hostVars);
        return ModuleResult.builder().changed(true).put("add_host", added).build();
    }

    /** A list, or comma-separated text, of names. */
    static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> names.add(String.valueOf(v).strip()));
        } else if (value != null) {
            for (String part : String.valueOf(value).split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        return names;
    }
}
