package dev.drover.modules.control;

import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgumentError;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ansible's set_fact: sets host variables above everything but extra vars, for the rest of
 * the run. Returns them as {@code ansible_facts}; the executor stores them.
 */
public final class SetFact implements Module {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> BOOL_WORDS = Set.of("true", "false", "yes", "no");

    @Override
    public String name() {
        return "set_fact";
    }

    /** set_fact takes any names; they are validated here rather than against a fixed list. */
    @Override
    public ArgSpec spec() {
        return null;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) {
        Map<String, Object> facts = new LinkedHashMap<>();
        args.asMap().forEach((name, value) -> {
            if (name.equals("cacheable")) {
                return;
            }
            if (!NAME.matcher(name).matches()) {
                throw new ArgumentError("The variable name '" + name + "' is not valid. Variables must start with a letter"
                        + " or underscore character, and contain only letters, numbers and underscores.");
            }
            // As Ansible does for k=v text: "yes"/"no"/"true"/"false" become booleans.
            if (value instanceof String text && BOOL_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
                value = ModuleArgs.toBool(name, text);
            }
            facts.put(name, value);
        });
        if (facts.isEmpty()) {
            throw new ArgumentError("No key/value pairs provided, at least one is required for this action to succeed");
        }
        return ModuleResult.builder().changed(false).put("ansible_facts", facts).build();
    }
}
