package dev.drover.playbook;

import dev.drover.yaml.Frozen;
import java.util.List;
import java.util.Map;

/**
 * A role as a play runs it: the role, and its tasks and handlers with the role entry's
 * keywords applied.
 *
 * @param entryParams the params written on this role's own entry, without those inherited
 *                    from dependent roles: what decides whether a role already ran
 */
public record PlayRole(Role role, Map<String, Object> entryParams, List<TaskItem> tasks, List<TaskItem> handlers) {
    public PlayRole {
        entryParams = Frozen.copy(entryParams);
        tasks = List.copyOf(tasks);
        handlers = List.copyOf(handlers);
    }
}
