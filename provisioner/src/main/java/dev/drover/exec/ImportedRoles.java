package dev.drover.exec;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.PlayRole;
import dev.drover.playbook.Role;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The roles a play's task lists imported with import_role, besides those under roles:. */
final class ImportedRoles {

    private ImportedRoles() {
    }

    static List<Role> of(Play play) {
        Set<Role> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        play.roles().stream().map(PlayRole::role).forEach(seen::add);
        List<Role> found = new ArrayList<>();
        for (List<TaskItem> section : List.of(play.preTasks(), play.tasks(), play.postTasks(), play.roleTasks())) {
            collect(section, seen, found);
        }
        return found;
    }

    private static void collect(List<TaskItem> items, Set<Role> seen, List<Role> found) {
        for (TaskItem item : items) {
            if (item instanceof Task task && task.role() != null && seen.add(task.role())) {
                found.add(task.role());
            } else if (item instanceof Block block) {
                collect(block.tasks(), seen, found);
                collect(block.rescue(), seen, found);
                collect(block.always(), seen, found);
            }
        }
    }
}
