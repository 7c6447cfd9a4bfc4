package dev.drover.exec;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stable name for every task of a play, for the run record: the play's index in the
 * playbook, the section, and the task's position in it, through blocks, e.g.
 * {@code 0/tasks/3/rescue/0}. The same playbook gives the same names on every run, so a
 * resumed run finds what the interrupted one finished. Handlers are {@code 0/handlers/N}.
 * Tasks that appear only at run time (dynamic includes) have no name and are never skipped.
 */
final class TaskIds {

    private final Map<Task, String> ids = new IdentityHashMap<>();
    /** The play's tasks (not handlers) in the order a host meets them, block, rescue and always in turn. */
    private final List<Task> inOrder = new java.util.ArrayList<>();
    private final Map<Task, Integer> order = new IdentityHashMap<>();

    TaskIds(int playIndex, Play play) {
        String prefix = playIndex + "/";
        walk(play.preTasks(), prefix + "pre_tasks");
        List<TaskItem> main = new java.util.ArrayList<>(play.roleTasks());
        main.addAll(play.tasks());
        walk(main, prefix + "tasks");
        walk(play.postTasks(), prefix + "post_tasks");
        List<TaskItem> handlers = play.allHandlers();
        for (int i = 0; i < handlers.size(); i++) {
            ids.putIfAbsent(HandlerNames.taskOf(handlers.get(i)), prefix + "handlers/" + i);
        }
    }

    private void walk(List<TaskItem> items, String path) {
        for (int i = 0; i < items.size(); i++) {
            TaskItem item = items.get(i);
            String here = path + "/" + i;
            if (item instanceof Task task) {
                ids.putIfAbsent(task, here);
                order.putIfAbsent(task, inOrder.size());
                inOrder.add(task);
            } else if (item instanceof Block block) {
                walk(block.tasks(), here + "/block");
                walk(block.rescue(), here + "/rescue");
                walk(block.always(), here + "/always");
            }
        }
    }

    List<Task> inOrder() {
        return List.copyOf(inOrder);
    }

    /** The task's place in {@link #inOrder()}, or -1 for a task the playbook did not list (or a handler). */
    int order(Task task) {
        return order.getOrDefault(task, -1);
    }

    /** The task's name in the record, or null for a task the playbook did not list. */
    String of(Task task) {
        return ids.get(task);
    }
}
