package dev.drover.playbook;

import dev.drover.SourceLocation;

/** An entry of a task list: a task, or a block of tasks with rescue and always sections. */
public sealed interface TaskItem permits Task, Block {
    SourceLocation location();
}
