package dev.drover.exec;

import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments {@code module_defaults} give a task, as Ansible merges them: the play's, each
 * block's and the task's own entries in that order, a module's entry further in replacing an
 * outer one whole (not key by key), {@code file} and {@code ansible.builtin.file} being the
 * same module (the names are resolved on load). The task's own arguments are then laid over the defaults. Values are
 * templated with the task's variables; the module names are not.
 */
final class ModuleDefaults {

    private ModuleDefaults() {
    }

    /** {@code args} (already templated) over the defaults that {@code levels} give {@code action}. */
    static Map<String, Object> apply(String action, Map<String, Object> args, List<Object> levels, Templar templar,
                                     TemplateScope scope) {
        Object entry = entryFor(action, levels);
        if (!(entry instanceof Map<?, ?> defaults) || defaults.isEmpty()) {
            return args;
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (templar.render(defaults, scope) instanceof Map<?, ?> rendered) {
            rendered.forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        merged.putAll(args);
        return merged;
    }

    /** The innermost entry for {@code action} (levels are keyed by module name on load), or null. */
    static Object entryFor(String action, List<Object> levels) {
        Object found = null;
        for (Object level : levels) {
            if (level instanceof Map<?, ?> byModule && byModule.containsKey(action)) {
                found = byModule.get(action);
            }
        }
        return found;
    }
}
