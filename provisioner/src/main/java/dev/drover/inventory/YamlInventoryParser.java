package dev.drover.inventory;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.YamlMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Ansible's YAML inventory: top-level groups, each with {@code hosts}, {@code vars} and {@code children}. */
final class YamlInventoryParser {

    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");

    private YamlInventoryParser() {
    }

    static void parse(Object document, SourceLocation where, InventoryBuilder into) {
        if (document == null) {
            return;
        }
        if (!(document instanceof YamlMap root)) {
            throw new UserError("a YAML inventory must be a mapping of group names", where,
                    "start with 'all:' and list hosts under 'all: hosts:'");
        }
        root.forEach((group, body) -> parseGroup(group, body, root.locationOf(group), into));
    }

    private static void parseGroup(String name, Object body, SourceLocation where, InventoryBuilder into) {
        into.group(name);
        if (body == null) {
            return;
        }
        if (!(body instanceof YamlMap group)) {
            throw new UserError("group '" + name + "' must be a mapping with hosts, vars or children", where, null);
        }
        for (String key : group.keySet()) {
            if (!GROUP_KEYS.contains(key)) {
                throw new UserError("invalid key '" + key + "' in group '" + name + "'", group.locationOf(key),
                        "a group may have only 'hosts', 'vars' and 'children'; host variables go under hosts: <host>:");
            }
        }
        Object hosts = group.get("hosts");
        if (hosts instanceof YamlMap hostMap) {
            hostMap.forEach((pattern, vars) -> {
                Map<String, Object> hostVars = asVars(vars, hostMap.locationOf(pattern), "host '" + pattern + "'");
                for (String host : expand(pattern, hostMap.locationOf(pattern))) {
                    into.host(host, name, hostVars);
                }
            });
        } else if (hosts != null) {
            throw new UserError("'hosts' of group '" + name + "' must be a mapping of host names", group.locationOf("hosts"),
                    "write each host as a key, e.g. 'web1:' or 'web1: {ansible_host: 10.0.0.5}'");
        }
        Object vars = group.get("vars");
        if (vars != null) {
            into.groupVars(name, asVars(vars, group.locationOf("vars"), "vars of group '" + name + "'"));
        }
        Object children = group.get("children");
        if (children instanceof YamlMap childMap) {
            childMap.forEach((child, childBody) -> {
                into.child(name, child);
                parseGroup(child, childBody, childMap.locationOf(child), into);
            });
        } else if (children != null) {
            throw new UserError("'children' of group '" + name + "' must be a mapping of group names",
                    group.locationOf("children"), null);
        }
    }

    private static Map<String, Object> asVars(Object vars, SourceLocation where, String what) {
        if (vars == null) {
            return Map.of();
        }
        if (vars instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw new UserError(what + " must be a mapping of variables", where, null);
    }

    private static Iterable<String> expand(String pattern, SourceLocation where) {
        try {
            return HostRange.expand(pattern);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), where, null);
        }
    }
}
