package dev.drover.playbook;

import java.util.List;

/** A role as a play runs it: the role, and its tasks and handlers with the role entry's keywords applied. */
public record PlayRole(Role role, List<TaskItem> tasks, List<Task> handlers) {
    public PlayRole {
        tasks = List.copyOf(tasks);
        handlers = List.copyOf(handlers);
    }
}
