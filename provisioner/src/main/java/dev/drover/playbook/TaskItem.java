package dev.drover.playbook;

import dev.drover.SourceLocation;

/** An entry of a task list: a task, a block of tasks with rescue and always sections, or a dynamic include. */
public sealed interface TaskItem permits Task, Block, Include {
    SourceLocation location();
}
