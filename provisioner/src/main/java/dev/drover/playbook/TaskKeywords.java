package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.YamlMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keywords Ansible accepts on tasks, blocks, plays and role entries; any other key of a task is its action. */
final class TaskKeywords {

    private TaskKeywords() {
    }

    static final Set<String> TASK = Set.of("name", "action", "local_action", "args", "when", "loop", "loop_control",
            "register", "changed_when", "failed_when", "ignore_errors", "ignore_unreachable", "notify", "tags",
            "become", "become_user", "become_method", "become_flags", "vars", "environment", "no_log", "delegate_to",
            "delegate_facts", "run_once", "check_mode", "diff", "until", "retries", "delay", "listen",
            "any_errors_fatal", "async", "poll", "collections", "connection", "debugger", "module_defaults",
            "remote_user", "throttle", "timeout", "port");

    static final Set<String> BLOCK = Set.of("name", "block", "rescue", "always", "when", "tags", "become",
            "become_user", "become_method", "become_flags", "vars", "environment", "ignore_errors", "no_log",
            "check_mode", "diff", "delegate_to", "run_once", "any_errors_fatal", "collections", "connection",
            "debugger", "module_defaults", "remote_user", "throttle", "timeout", "ignore_unreachable", "port");

    static final Set<String> PLAY = Set.of("name", "hosts", "vars", "vars_files", "vars_prompt", "roles", "tasks",
            "pre_tasks", "post_tasks", "handlers", "become", "become_user", "become_method", "become_flags",
            "gather_facts", "gather_subset", "gather_timeout", "fact_path", "tags", "environment", "serial",
            "strategy", "any_errors_fatal", "max_fail_percentage", "ignore_errors", "ignore_unreachable",
            "connection", "remote_user", "port", "order", "force_handlers", "collections", "module_defaults",
            "check_mode", "diff", "no_log", "run_once", "throttle", "timeout", "debugger");

    /** A role entry's keys that are keywords, as Ansible's Base attributes; any other key is a role parameter. */
    static final Set<String> ROLE_ENTRY = Set.of("role", "name", "when", "tags", "vars", "become", "become_user",
            "become_method", "environment", "ignore_errors", "no_log", "delegate_to", "collections",
            "any_errors_fatal", "check_mode", "diff", "run_once", "connection", "remote_user", "port", "module_defaults",
            "ignore_unreachable", "throttle", "timeout", "become_flags");

    /** Keywords written as {@code with_<lookup>}: a loop over a lookup's results. */
    static boolean isWithLoop(String key) {
        return key.startsWith("with_");
    }

    /** Actions whose free-form text is the command itself, not key=value arguments. */
    static final Set<String> FREE_FORM = Set.of("command", "shell", "raw", "script");

    /** Actions that accept free-form text at all. */
    static final Set<String> TAKES_RAW = Set.of("command", "shell", "raw", "script", "meta", "include_vars",
            "include_tasks", "import_tasks", "include_role", "import_role", "set_fact", "add_host", "group_by",
            "import_playbook", "include");

    /**
     * Refuses, with its line, what drover would otherwise run differently from how it reads a
     * play, block, task or role entry: sudo is its one become method, and module_defaults must
     * name modules.
     */
    static void check(YamlMap map) {
        Object method = map.get("become_method");
        if (method != null && !"sudo".equals(String.valueOf(method))) {
            throw new UserError("become_method '" + method + "' is not supported by drover; it becomes with sudo",
                    map.locationOf("become_method"), "use become_method: sudo (or leave it out)");
        }
        checkModuleDefaults(map);
    }

    /**
     * module_defaults is a mapping (or a list of mappings) from module names to mappings of
     * arguments. Action groups ({@code group/...}) name collections' modules drover does not have.
     */
    private static void checkModuleDefaults(YamlMap map) {
        Object written = map.get("module_defaults");
        if (written == null) {
            return;
        }
        SourceLocation where = map.locationOf("module_defaults");
        String shape = "write it as a mapping of module names to their arguments, e.g. module_defaults: {file: {owner: app}}";
        for (Object mapping : written instanceof List<?> list ? list : List.of(written)) {
            if (!(mapping instanceof Map<?, ?> byModule)) {
                throw new UserError("module_defaults must be a mapping, not " + mapping, where, shape);
            }
            byModule.forEach((module, args) -> {
                if (String.valueOf(module).startsWith("group/")) {
                    throw new UserError("module_defaults for the action group '" + module + "' is not supported by drover",
                            where, "name the modules themselves, e.g. file: or ansible.builtin.copy:");
                }
                if (args != null && !(args instanceof Map)) {
                    throw new UserError("module_defaults for '" + module + "' must be a mapping of arguments, not "
                            + args, where, shape);
                }
            });
        }
    }
}
