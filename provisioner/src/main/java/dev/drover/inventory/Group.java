package dev.drover.inventory;

import dev.drover.yaml.Frozen;
import java.util.List;
import java.util.Map;

/** A group as the inventory declares it: its own hosts, child groups and variables. */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Object> vars) {
    public Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = Frozen.copy(vars);
    }

    /** Ansible orders a host's groups by this, after depth: lower first. */
    public int priority() {
        Object priority = vars.get("ansible_group_priority");
        if (priority == null) {
            return 1;
        }
        try {
            return Integer.parseInt(String.valueOf(priority));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
