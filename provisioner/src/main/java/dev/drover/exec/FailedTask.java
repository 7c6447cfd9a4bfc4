package dev.drover.exec;

import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ansible_failed_task}: the failed task as Ansible serialises it for a rescue section,
 * with the keywords users test (name, action, args, when, tags, register, loop, notify, ...)
 * and Ansible's defaults for those the task did not set.
 */
final class FailedTask {

    private FailedTask() {
    }

    /** The loader keeps a YAML boolean condition as the text True/False; Ansible shows the boolean. */
    private static List<Object> conditions(List<String> conditions) {
        if (conditions == null) {
            return List.of();
        }
        return conditions.stream().<Object>map(c -> c.equals("True") ? Boolean.TRUE : c.equals("False") ? Boolean.FALSE : c).toList();
    }

    static Map<String, Object> describe(Task task) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", task.action());
        out.put("any_errors_fatal", false);
        out.put("args", new LinkedHashMap<>(task.args()));
        out.put("become", task.become() == null ? false : task.become());
        out.put("become_user", task.becomeUser());
        out.put("changed_when", conditions(task.changedWhen()));
        out.put("check_mode", task.checkMode() == null ? false : task.checkMode());
        out.put("delay", task.retry().delay() == null ? 5 : task.retry().delay());
        out.put("delegate_to", task.delegateTo());
        out.put("diff", task.diff() == null ? false : task.diff());
        out.put("environment", List.of(task.environment()));
        out.put("failed_when", conditions(task.failedWhen()));
        out.put("ignore_errors", task.ignoreErrors());
        out.put("loop", task.loop());
        Map<String, Object> loopControl = new LinkedHashMap<>();
        loopControl.put("extended", task.loopControl().extended() ? Boolean.TRUE : null);
        loopControl.put("index_var", task.loopControl().indexVar());
        loopControl.put("label", task.loopControl().label());
        loopControl.put("loop_var", task.loopControl().loopVar());
        loopControl.put("pause", task.loopControl().pauseSeconds());
        out.put("loop_control", loopControl);
        out.put("loop_with", task.loopKind() == null || task.loopKind().equals("loop") ? null : task.loopKind());
        out.put("name", task.name() == null ? "" : task.name());
        out.put("no_log", task.noLog() == null ? false : task.noLog());
        out.put("notify", task.notifies().isEmpty() ? null : task.notifies());
        out.put("register", task.register());
        out.put("retries", task.retry().retries() == null ? 3 : task.retry().retries());
        out.put("run_once", task.runOnce());
        out.put("tags", new ArrayList<>(task.tags()));
        out.put("until", task.retry().until());
        out.put("vars", new LinkedHashMap<>(task.vars()));
        out.put("when", conditions(task.when()));
        return out;
    }
}
