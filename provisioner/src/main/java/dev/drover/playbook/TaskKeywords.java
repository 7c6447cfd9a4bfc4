package dev.drover.playbook;

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

    static final Set<String> ROLE_ENTRY = Set.of("role", "name", "when", "tags", "vars", "become", "become_user",
            "become_method", "environment", "ignore_errors", "no_log", "delegate_to", "collections",
            "any_errors_fatal", "check_mode", "diff", "run_once", "connection", "remote_user");

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
     * Keywords Ansible applies that drover does not yet, with what to do instead. Accepting one
     * silently would run the playbook differently from how it reads, so loading refuses it.
     */
    private static final java.util.Map<String, String> NOT_APPLIED = java.util.Map.of(
            "ignore_unreachable", "remove it: an unreachable host stops its own tasks; the other hosts go on",
            "module_defaults", "give the arguments on each task",
            "become_flags", "remove it: drover's sudo runs with -H, as Ansible's default",
            "force_handlers", "remove it: a failed host's notified handlers do not run");

    /** Keywords of a task or block that drover applies on plays only. */
    private static final java.util.Map<String, String> PLAY_ONLY = java.util.Map.of(
            "remote_user", "set ansible_user in the task's vars, or remote_user on the play",
            "port", "set ansible_port in the task's vars, or port on the play");

    /** Refuses the keywords of {@code map} that drover would otherwise ignore; {@code play}: the play's own keys. */
    static void refuseNotApplied(dev.drover.yaml.YamlMap map, String what, boolean play) {
        for (String key : map.keySet()) {
            String instead = NOT_APPLIED.getOrDefault(key, play ? null : PLAY_ONLY.get(key));
            if (instead != null) {
                throw new dev.drover.UserError("'" + key + "' on a " + what + " is not supported by drover yet",
                        map.locationOf(key), instead);
            }
        }
        Object method = map.get("become_method");
        if (method != null && !"sudo".equals(String.valueOf(method))) {
            throw new dev.drover.UserError("become_method '" + method + "' is not supported by drover; it becomes with sudo",
                    map.locationOf("become_method"), "use become_method: sudo (or leave it out)");
        }
    }
}
