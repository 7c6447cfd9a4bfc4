package dev.drover.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects hosts, groups and variables while an inventory source is parsed; a host or group
 * seen twice has its variables merged, as when Ansible reads several sources.
 */
final class InventoryBuilder {

    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupHosts = new LinkedHashMap<>();
    private final Map<String, Set<String>> groupChildren = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> groupVars = new LinkedHashMap<>();

    InventoryBuilder() {
        group(Inventory.ALL);
        group(Inventory.UNGROUPED);
        groupChildren.get(Inventory.ALL).add(Inventory.UNGROUPED);
    }

    void group(String name) {
        groupHosts.computeIfAbsent(name, n -> new LinkedHashSet<>());
        groupChildren.computeIfAbsent(name, n -> new LinkedHashSet<>());
        groupVars.computeIfAbsent(name, n -> new LinkedHashMap<>());
        if (!name.equals(Inventory.ALL) && !name.equals(Inventory.UNGROUPED)) {
            groupChildren.get(Inventory.ALL).add(name);
        }
    }

    void host(String name, String group, Map<String, Object> vars) {
        hostVars.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(vars);
        if (group != null) {
            group(group);
            groupHosts.get(group).add(name);
        }
    }

    void child(String parent, String child) {
        group(parent);
        group(child);
        groupChildren.get(parent).add(child);
    }

    void groupVars(String group, Map<String, Object> vars) {
        group(group);
        groupVars.get(group).putAll(vars);
    }

    boolean hasGroup(String name) {
        return groupHosts.containsKey(name);
    }

    Inventory build() {
        // Hosts in no group but 'all' land in 'ungrouped', as in Ansible.
        Set<String> grouped = new LinkedHashSet<>();
        groupHosts.forEach((group, members) -> {
            if (!group.equals(Inventory.ALL) && !group.equals(Inventory.UNGROUPED)) {
                grouped.addAll(members);
            }
        });
        for (String host : hostVars.keySet()) {
            if (!grouped.contains(host)) {
                groupHosts.get(Inventory.UNGROUPED).add(host);
            }
        }
        groupHosts.get(Inventory.UNGROUPED).removeAll(grouped);
        groupHosts.get(Inventory.ALL).clear();
        // A group that is also someone's child is not a direct child of 'all'.
        Set<String> nested = new LinkedHashSet<>();
        groupChildren.forEach((parent, kids) -> {
            if (!parent.equals(Inventory.ALL)) {
                nested.addAll(kids);
            }
        });
        groupChildren.get(Inventory.ALL).removeAll(nested);

        Map<String, Host> hosts = new LinkedHashMap<>();
        hostVars.forEach((name, vars) -> hosts.put(name, new Host(name, vars)));
        Map<String, Group> groups = new LinkedHashMap<>();
        for (String name : groupHosts.keySet()) {
            groups.put(name, new Group(name, new ArrayList<>(groupHosts.get(name)),
                    List.copyOf(groupChildren.get(name)), groupVars.get(name)));
        }
        return new Inventory(hosts, groups);
    }
}
