package dev.drover.playbook;

import dev.drover.SourceLocation;
import java.util.List;

/**
 * {@code block:} with {@code rescue:} and {@code always:}. Keywords written on the block
 * (when, become, vars, tags, ...) were pushed down into its tasks by the loader.
 */
public record Block(String name, List<TaskItem> tasks, List<TaskItem> rescue, List<TaskItem> always,
                    SourceLocation location) implements TaskItem {
    public Block {
        tasks = List.copyOf(tasks);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
    }
}
