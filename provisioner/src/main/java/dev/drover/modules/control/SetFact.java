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
 * the run. Returns them as {@code ansible_facts}; the executor stores them. With
 * {@code cacheable: true} they also become facts (in {@code ansible_facts}, and kept
 * after a later set_fact of the same name is gone from scope), as in Ansible; the result
 * says so with {@link #CACHEABLE}, a field the reporters do not show.
 */
public final class SetFact implements Module {

    /** Result field telling the executor to store the variables as facts too. */
    public static final String CACHEABLE = "_drover_facts_cacheable";

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
        boolean cacheable = args.asMap().containsKey("cacheable") && ModuleArgs.toBool("cacheable", args.asMap().get("cacheable"));
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
        ModuleResult.Builder result = ModuleResult.builder().changed(false).put("ansible_facts", facts);
        if (cacheable) {
            result.put(CACHEABLE, true);
        }
        return result.build();
    }
}
