package dev.drover.exec;

import dev.drover.UserError;
import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The names a notify may use for a handler, and the check that every notify names one, as Ansible does before the play runs. */
final class HandlerNames {

    private HandlerNames() {
    }

    /** The task a handler is: itself, or an include's own task (its name and listen are the include's). */
    static Task taskOf(TaskItem handler) {
        return handler instanceof dev.drover.playbook.Include include ? include.task() : (Task) handler;
    }

    /** Its name, "role : name", and its listen topics. */
    static List<String> of(Task handler) {
        List<String> names = new ArrayList<>();
        if (handler.name() != null) {
            names.add(handler.name());
            if (handler.role() != null) {
                names.add(handler.role().name() + " : " + handler.name());
            }
        }
        names.addAll(handler.listen());
        return names;
    }

    /** Its name and "role : name", without the listen topics (which other handlers may share). */
    static List<String> own(Task handler) {
        List<String> names = new ArrayList<>(of(handler));
        names.removeAll(handler.listen());
        return names;
    }

    /** A notify of a task or handler of the play that names no handler fails the play before it starts, with where. */
    static void checkNotifyTargets(Play play) {
        List<String> known = new ArrayList<>();
        for (TaskItem handler : play.allHandlers()) {
            known.addAll(of(taskOf(handler)));
        }
        checkNotify(Stream.of(play.preTasks(), play.roleTasks(), play.tasks(), play.postTasks()).flatMap(List::stream).toList(), known);
        checkNotify(new ArrayList<>(play.allHandlers()), known);
    }

    private static void checkNotify(List<? extends TaskItem> items, List<String> known) {
        for (TaskItem item : items) {
            if (item instanceof Task task) {
                for (String name : task.notifies()) {
                    if (!known.contains(name)) {
                        throw new UserError("The requested handler '" + name + "' was not found in either the main"
                                + " handlers list nor in the listening handlers list", task.location(),
                                "define a handler with this name (or 'listen: " + name + "') under handlers:");
                    }
                }
            } else if (item instanceof Block block) {
                checkNotify(block.tasks(), known);
                checkNotify(block.rescue(), known);
                checkNotify(block.always(), known);
            }
        }
    }
}
