package dev.drover.playbook;

import dev.drover.SourceLocation;

/**
 * A dynamic include: {@code include_tasks} or {@code include_role}. The task itself runs
 * like any other (when, loop, register, tags apply to it alone); what it includes is loaded
 * from {@link #source()} at run time, once per host group that included the same thing.
 */
public record Include(Task task, IncludeSource source) implements TaskItem {

    @Override
    public SourceLocation location() {
        return task.location();
    }

    public boolean isRole() {
        return task.action().equals("include_role");
    }
}
