package dev.drover.exec;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.playbook.Task;
import dev.drover.report.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * add_host and group_by: the hosts and groups they add, kept for the run and laid over the
 * loaded inventory at the start of every following play (the inventory itself stays
 * immutable). add_host runs once for the play, on its first host, as Ansible bypasses the
 * host loop for it; group_by runs on every host.
 */
final class InventoryUpdates {

    private final Map<String, Map<String, Object>> hostVars = new LinkedHashMap<>();
    /** group → hosts put in it directly. */
    private final Map<String, List<String>> members = new LinkedHashMap<>();
    /** group → groups it was put under. */
    private final Map<String, List<String>> parents = new LinkedHashMap<>();

    static boolean handles(Task task) {
        return task.action().equals("add_host") || task.action().equals("group_by");
    }

    /** Runs the task as Ansible does and records what its results add. */
    void run(Task task, List<HostState> runnable, TaskRunner runner, PlayScope scope) {
        if (task.action().equals("add_host")) {
            record(runner.run(task, runnable.get(0), scope));
        } else {
            for (HostState host : runnable) {
                record(runner.run(task, host, scope), host.name());
            }
        }
    }

    /** What an add_host result adds. */
    synchronized void record(TaskOutcome outcome) {
        for (Map<?, ?> result : results(outcome)) {
            if (result.get("add_host") instanceof Map<?, ?> added) {
                String name = String.valueOf(added.get("host_name"));
                Map<String, Object> vars = hostVars.computeIfAbsent(name, k -> new LinkedHashMap<>());
                if (added.get("host_vars") instanceof Map<?, ?> more) {
                    more.forEach((k, v) -> vars.put(String.valueOf(k), v));
                }
                if (added.get("groups") instanceof List<?> groups) {
                    groups.forEach(g -> addMember(String.valueOf(g), name));
                }
            }
        }
    }

    /** What a group_by result on {@code host} adds. */
    synchronized void record(TaskOutcome outcome, String host) {
        for (Map<?, ?> result : results(outcome)) {
            if (result.get("add_group") != null) {
                String group = String.valueOf(result.get("add_group"));
                addMember(group, host);
                if (result.get("parent_groups") instanceof List<?> groupParents) {
                    for (Object parent : groupParents) {
                        List<String> list = parents.computeIfAbsent(group, k -> new ArrayList<>());
                        if (!list.contains(String.valueOf(parent))) {
                            list.add(String.valueOf(parent));
                        }
                    }
                }
            }
        }
    }

    private static List<Map<?, ?>> results(TaskOutcome outcome) {
        if (outcome.status() == Status.FAILED || outcome.status() == Status.SKIPPED || outcome.status() == Status.UNREACHABLE) {
            return List.of();
        }
        List<Map<?, ?>> out = new ArrayList<>();
        if (outcome.result().get("results") instanceof List<?> items) {
            items.forEach(i -> {
                if (i instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("skipped")) && !Boolean.TRUE.equals(m.get("failed"))) {
                    out.add(m);
                }
            });
        } else {
            out.add(outcome.result());
        }
        return out;
    }

    private void addMember(String group, String host) {
        List<String> list = members.computeIfAbsent(group, k -> new ArrayList<>());
        if (!list.contains(host)) {
            list.add(host);
        }
    }

    /** The loaded inventory with every host and group added so far. */
    synchronized Inventory applyTo(Inventory base) {
        if (hostVars.isEmpty() && members.isEmpty()) {
            return base;
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        base.hosts().forEach(h -> hosts.put(h.name(), h));
        hostVars.forEach((name, vars) -> {
            Host known = hosts.get(name);
            Map<String, Object> merged = new LinkedHashMap<>(known == null ? Map.of() : known.vars());
            merged.putAll(vars);
            hosts.put(name, new Host(name, merged));
        });
        Map<String, Group> groups = new LinkedHashMap<>();
        base.groups().forEach(g -> groups.put(g.name(), g));
        List<String> newGroups = new ArrayList<>(members.keySet());
        parents.values().forEach(ps -> ps.forEach(p -> {
            if (!newGroups.contains(p)) {
                newGroups.add(p);
            }
        }));
        for (String name : newGroups) {
            Group known = groups.get(name);
            List<String> groupHosts = new ArrayList<>(known == null ? List.of() : known.hosts());
            members.getOrDefault(name, List.of()).forEach(h -> {
                if (!groupHosts.contains(h)) {
                    groupHosts.add(h);
                }
            });
            groups.put(name, new Group(name, groupHosts, known == null ? List.of() : known.children(),
                    known == null ? Map.of() : known.vars()));
        }
        parents.forEach((child, ps) -> ps.forEach(parent -> {
            Group p = groups.get(parent);
            if (!p.children().contains(child)) {
                List<String> children = new ArrayList<>(p.children());
                children.add(child);
                groups.put(parent, new Group(parent, p.hosts(), children, p.vars()));
            }
        }));
        // A new group hangs under all, as Ansible's add_group puts it.
        Group all = groups.get(Inventory.ALL);
        if (all != null) {
            List<String> children = new ArrayList<>(all.children());
            for (String name : newGroups) {
                if (!name.equals(Inventory.ALL) && !children.contains(name) && !isChildOfOther(name, groups)) {
                    children.add(name);
                }
            }
            groups.put(Inventory.ALL, new Group(Inventory.ALL, all.hosts(), children, all.vars()));
        }
        return new Inventory(hosts, groups);
    }

    private static boolean isChildOfOther(String name, Map<String, Group> groups) {
        return groups.values().stream().anyMatch(g -> !g.name().equals(Inventory.ALL) && g.children().contains(name));
    }
}
