package dev.drover.facts;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which collectors a gather_subset list selects, as Ansible's setup decides it: "min" is
 * always added first; "all" adds everything; a name (a collector or one of its fact ids)
 * adds its collectors; "!name" removes them (and, for a collector, its fact ids); "!all"
 * removes everything but min; "!min" removes min. A name asked for explicitly survives
 * every exclusion, and the collectors a selected one needs are added back at the end.
 */
public final class GatherSubset {

    private GatherSubset() {
    }

    /** @throws IllegalArgumentException with Ansible's message for a name that is not a subset */
    static Set<Collector> resolve(List<String> gatherSubset) {
        Set<String> valid = validNames();
        Set<String> minimal = new LinkedHashSet<>();
        for (Collector c : Collector.values()) {
            if (c.minimal()) {
                minimal.add(c.subsetName());
            }
        }
        Set<String> added = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        Set<String> explicit = new LinkedHashSet<>();
        List<String> terms = new ArrayList<>();
        terms.add("min");
        terms.addAll(gatherSubset.isEmpty() ? List.of("all") : gatherSubset);
        for (String term : terms) {
            if (term.equals("min")) {
                added.addAll(minimal);
            } else if (term.equals("all")) {
                added.addAll(valid);
            } else if (term.startsWith("!")) {
                String name = term.substring(1);
                if (name.equals("min")) {
                    excluded.addAll(minimal);
                } else if (name.equals("all")) {
                    Set<String> allButMin = new LinkedHashSet<>(valid);
                    allButMin.removeAll(minimal);
                    excluded.addAll(allButMin);
                } else {
                    Collector c = Collector.named(name);
                    if (c != null) {
                        excluded.addAll(c.factIds());
                    }
                    excluded.add(name);
                }
            } else {
                if (!valid.contains(term)) {
                    throw new IllegalArgumentException("Bad subset '" + term + "' given to Ansible. gather_subset options allowed: all, "
                            + String.join(", ", new TreeSet<>(valid)));
                }
                explicit.add(term);
                added.add(term);
            }
        }
        if (added.isEmpty()) {
            added.addAll(valid);
        }
        Set<String> removed = new LinkedHashSet<>(excluded);
        removed.removeAll(explicit);
        added.removeAll(removed);
        Set<Collector> selected = EnumSet.noneOf(Collector.class);
        added.forEach(name -> selected.addAll(Collector.selectedBy(name)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Collector c : EnumSet.copyOf(selected.isEmpty() ? EnumSet.noneOf(Collector.class) : selected)) {
                for (String need : c.requires()) {
                    grew |= selected.add(Collector.named(need));
                }
            }
        }
        return selected;
    }

    private static Set<String> validNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Collector c : Collector.values()) {
            names.add(c.subsetName());
            names.addAll(c.factIds());
        }
        return names;
    }
}
