package dev.drover.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hosts and groups, with the group tree resolved: which hosts a group holds (through its
 * children too) and which groups a host is in, ordered as Ansible orders them for variable
 * precedence. Immutable once built.
 */
public final class Inventory {

    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";

    private final Map<String, Host> hosts;
    private final Map<String, Group> groups;
    private final Map<String, Integer> depth = new HashMap<>();
    private final Map<String, List<String>> groupsOfHost = new HashMap<>();
    private final Map<String, List<String>> hostsOfGroup = new HashMap<>();

    public Inventory(Map<String, Host> hosts, Map<String, Group> groups) {
        this.hosts = Map.copyOf(hosts);
        this.groups = Map.copyOf(groups);
        // Keep the declaration order of hosts: patterns and output follow it, like Ansible.
        this.hostOrder = List.copyOf(hosts.keySet());
        computeDepths(ALL, 0, new LinkedHashSet<>());
        // Resolved up front so that the inventory is read-only, and safe to share, from here on.
        for (String group : groups.keySet()) {
            hostsIn(group);
        }
        for (Host host : hosts.values()) {
            groupsOfHost.put(host.name(), orderedGroupsOf(host.name()));
        }
    }

    private final List<String> hostOrder;

    public List<Host> hosts() {
        return hostOrder.stream().map(hosts::get).toList();
    }

    public Host host(String name) {
        return hosts.get(name);
    }

    public Group group(String name) {
        return groups.get(name);
    }

    public Collection<Group> groups() {
        return groups.values();
    }

    /** Every group name, sorted, as {@code groups} shows them. */
    public List<String> groupNames() {
        return groups.keySet().stream().sorted().toList();
    }

    /** The hosts in a group and its descendants, in inventory order. */
    public List<String> hostsIn(String groupName) {
        List<String> known = hostsOfGroup.get(groupName);
        if (known != null) {
            return known;
        }
        if (!groups.containsKey(groupName)) {
            return List.of();
        }
        return hostsOfGroup.computeIfAbsent(groupName, name -> {
            Set<String> members = new LinkedHashSet<>();
            collectHosts(name, members, new LinkedHashSet<>());
            List<String> ordered = new ArrayList<>();
            for (String host : hostOrder) {
                if (members.contains(host)) {
                    ordered.add(host);
                }
            }
            return List.copyOf(ordered);
        });
    }

    /**
     * The groups a host belongs to, directly or through children, ordered for variable
     * precedence: by depth, then ansible_group_priority, then name. Includes {@code all} first.
     */
    public List<String> groupsOf(String hostName) {
        return groupsOfHost.getOrDefault(hostName, List.of(ALL));
    }

    /** The {@code groups} magic variable: group name to host names. */
    public Map<String, List<String>> groupsMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : groupNames()) {
            map.put(name, hostsIn(name));
        }
        return map;
    }

    private void collectHosts(String groupName, Set<String> into, Set<String> visiting) {
        Group group = groups.get(groupName);
        if (group == null || !visiting.add(groupName)) {
            return;
        }
        if (groupName.equals(ALL)) {
            into.addAll(hostOrder);
            return;
        }
        into.addAll(group.hosts());
        for (String child : group.children()) {
            collectHosts(child, into, visiting);
        }
    }

    private void computeDepths(String groupName, int level, Set<String> path) {
        Group group = groups.get(groupName);
        if (group == null || !path.add(groupName)) {
            return;
        }
        depth.merge(groupName, level, Math::max);
        for (String child : group.children()) {
            computeDepths(child, level + 1, path);
        }
        path.remove(groupName);
    }

    private List<String> orderedGroupsOf(String hostName) {
        List<String> member = new ArrayList<>();
        for (Group group : groups.values()) {
            if (!group.name().equals(ALL) && hostsIn(group.name()).contains(hostName)) {
                member.add(group.name());
            }
        }
        member.sort(Comparator.<String>comparingInt(g -> depth.getOrDefault(g, 1))
                .thenComparingInt(g -> groups.get(g).priority())
                .thenComparing(Comparator.naturalOrder()));
        List<String> ordered = new ArrayList<>();
        ordered.add(ALL);
        ordered.addAll(member);
        return List.copyOf(ordered);
    }
}
