package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.playbook.Task;
import dev.drover.template.Templar;
import dev.drover.template.TemplateScope;
import java.util.Map;
import java.util.Set;

/**
 * A task's {@code async} and {@code poll}, templated: the seconds its job may run (0: the
 * task is not async) and the seconds between looks at it (0: the task leaves it running;
 * Ansible's default is 15, or ANSIBLE_POLL_INTERVAL).
 */
record AsyncSpec(int seconds, int poll) {

    static final AsyncSpec NONE = new AsyncSpec(0, 0);

    /**
     * Actions Ansible runs on the controller, which take no async (its "async is not supported
     * for this task."): they are over in an instant or drive the run itself.
     */
    private static final Set<String> CONTROLLER_ACTIONS = Set.of("debug", "fail", "assert", "set_fact", "include_vars",
            "add_host", "group_by", "pause", "meta", "async_status", "wait_for_connection", "reboot", "copy", "template",
            "fetch", "raw", "script");

    static AsyncSpec of(Task task, Templar templar, TemplateScope scope, Map<String, String> environment) {
        Object async = task.run().async();
        if (async == null) {
            return NONE;
        }
        int seconds = whole("async", templar.render(async, scope), task);
        Object poll = task.run().poll();
        String defaultPoll = environment.getOrDefault("ANSIBLE_POLL_INTERVAL", "15");
        return new AsyncSpec(seconds, whole("poll", poll == null ? defaultPoll : templar.render(poll, scope), task));
    }

    boolean enabled() {
        return seconds > 0;
    }

    static boolean supports(String action) {
        return !CONTROLLER_ACTIONS.contains(action);
    }

    private static int whole(String keyword, Object value, Task task) {
        try {
            return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new UserError(keyword + " must be a whole number of seconds, not '" + value + "'", task.location(),
                    "e.g. async: 600 and poll: 10 (poll: 0 leaves the job running; async_status asks after it)");
        }
    }
}
