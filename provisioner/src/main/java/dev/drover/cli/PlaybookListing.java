package dev.drover.cli;

import dev.drover.exec.TagFilter;
import dev.drover.inventory.HostPattern;
import dev.drover.inventory.Inventory;
import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskItem;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --syntax-check}, {@code --list-hosts}, {@code --list-tasks} and {@code --list-tags}: what
 * a run would do, in Ansible's format, without doing it.
 */
final class PlaybookListing {

    private final Playbook playbook;
    private final Inventory inventory;
    private final String limit;
    private final TagFilter tags;
    private final PrintStream out;

    PlaybookListing(Playbook playbook, Inventory inventory, String limit, TagFilter tags, PrintStream out) {
        this.playbook = playbook;
        this.inventory = inventory;
        this.limit = limit;
        this.tags = tags;
        this.out = out;
    }

    void print(boolean hosts, boolean tasks, boolean listTags) {
        out.println();
        out.println("playbook: " + playbook.file());
        int number = 0;
        for (Play play : playbook.plays()) {
            number++;
            if (!hosts && !tasks && !listTags) {
                continue;
            }
            out.println();
            out.println("  play #" + number + " (" + play.hosts() + "): " + play.name() + "\tTAGS: " + play.tags().stream().sorted().toList());
            if (hosts) {
                List<String> selected = selected(play);
                out.println("    pattern: ['" + play.hosts() + "']");
                out.println("    hosts (" + selected.size() + "):");
                selected.forEach(h -> out.println("      " + h));
            }
            List<Task> all = new ArrayList<>();
            flatten(play.preTasks(), all);
            flatten(play.roleTasks(), all);
            flatten(play.tasks(), all);
            flatten(play.postTasks(), all);
            List<Task> running = all.stream().filter(task -> tags.runs(task.tags())).toList();
            if (tasks) {
                out.println("    tasks:");
                for (Task task : running) {
                    out.println("      " + task.displayName() + "\tTAGS: " + task.tags().stream().sorted().toList());
                }
            }
            if (listTags) {
                out.println("      TASK TAGS: " + running.stream().flatMap(t -> t.tags().stream()).distinct().sorted().toList());
            }
        }
        out.println();
    }

    private List<String> selected(Play play) {
        List<String> selected = new HostPattern(play.hosts()).select(inventory);
        if (limit != null && !limit.isBlank()) {
            List<String> limited = new HostPattern(limit).select(inventory);
            selected = selected.stream().filter(limited::contains).toList();
        }
        return selected;
    }

    private static void flatten(List<TaskItem> items, List<Task> into) {
        for (TaskItem item : items) {
            if (item instanceof Task task) {
                if (!task.action().equals("meta")) {
                    into.add(task);
                }
            } else if (item instanceof dev.drover.playbook.Include include) {
                into.add(include.task());
            } else if (item instanceof Block block) {
                flatten(block.tasks(), into);
                flatten(block.rescue(), into);
                flatten(block.always(), into);
            }
        }
    }
}
