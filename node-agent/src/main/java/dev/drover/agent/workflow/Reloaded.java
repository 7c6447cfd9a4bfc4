package dev.drover.agent.workflow;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** What a reload of the workflows directory changed, by workflow name. */
public record Reloaded(List<String> workflows, List<String> added, List<String> removed, List<String> changed) {

    public Reloaded {
        workflows = List.copyOf(workflows);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    static Reloaded between(WorkflowCatalog before, WorkflowCatalog after) {
        TreeSet<String> names = new TreeSet<>();
        after.all().forEach(w -> names.add(w.name()));
        List<String> added = names.stream().filter(n -> before.named(n).isEmpty()).toList();
        List<String> removed = before.all().stream().map(WorkflowDefinition::name).filter(n -> after.named(n).isEmpty()).sorted().toList();
        List<String> changed = names.stream().filter(n -> before.named(n)
                .filter(old -> !Objects.equals(old.source(), after.named(n).orElseThrow().source())).isPresent()).toList();
        return new Reloaded(List.copyOf(names), added, removed, changed);
    }

    @Override
    public String toString() {
        return workflows.size() + " workflows (added " + words(added) + ", removed " + words(removed) + ", changed " + words(changed) + ")";
    }

    private static String words(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
