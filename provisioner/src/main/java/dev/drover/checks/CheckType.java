package dev.drover.checks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resource type of the check language: the attributes it asserts (properties, each judged
 * with a matcher) and the attributes that only configure how it is probed (settings).
 * Goss's types keep Goss's attribute names; Drover's own types use snake_case.
 */
public record CheckType(String name, String displayName, List<String> properties, Set<String> settings) {

    /** Attributes every type accepts: they describe the check rather than the resource. */
    public static final Set<String> COMMON = Set.of("title", "meta", "skip", "severity", "timeout");

    private static final Map<String, CheckType> ALL = catalogue();

    private static Map<String, CheckType> catalogue() {
        Map<String, CheckType> types = new LinkedHashMap<>();
        add(types, "port", "Port", List.of("listening", "ip"), Set.of("port"));
        add(types, "service", "Service", List.of("enabled", "running"), Set.of("name", "runlevels"));
        add(types, "file", "File", List.of("exists", "mode", "size", "owner", "group", "uid", "gid", "filetype",
                "contents", "contains", "md5", "sha256", "sha512", "linked-to"), Set.of("path"));
        add(types, "package", "Package", List.of("installed", "versions"), Set.of("name"));
        add(types, "command", "Command", List.of("exit-status", "stdout", "stderr"), Set.of("exec"));
        add(types, "http", "HTTP", List.of("status", "body", "headers"), Set.of("url", "allow-insecure",
                "no-follow-redirects", "request-headers", "request-body", "method", "username", "password", "ca-file",
                "cert-file", "key-file", "proxy"));
        add(types, "process", "Process", List.of("running"), Set.of("comm"));
        add(types, "user", "User", List.of("exists", "uid", "gid", "groups", "home", "shell"), Set.of("username"));
        add(types, "group", "Group", List.of("exists", "gid"), Set.of("groupname"));
        add(types, "kernel-param", "KernelParam", List.of("value"), Set.of("name"));
        add(types, "mount", "Mount", List.of("exists", "opts", "vfs-opts", "source", "filesystem", "usage"),
                Set.of("mountpoint"));
        add(types, "addr", "Addr", List.of("reachable"), Set.of("address", "local-address"));
        add(types, "dns", "DNS", List.of("resolvable", "addrs"), Set.of("resolve", "server"));
        add(types, "interface", "Interface", List.of("exists", "addrs", "mtu"), Set.of("name"));
        add(types, "matching", "Matching", List.of("matches"), Set.of("content"));
        add(types, "disk", "Disk", List.of("exists", "free_mb", "total_mb", "used_percent"), Set.of("path"));
        add(types, "memory", "Memory", List.of("total_mb", "available_mb"), Set.of());
        add(types, "load", "Load", List.of("load1", "load5", "load15"), Set.of());
        add(types, "cpu", "CPU", List.of("count"), Set.of());
        add(types, "nomad_node", "NomadNode", List.of("exists", "eligible", "ready", "status"), Set.of("address", "name", "token", "ca-file"));
        add(types, "consul_service", "ConsulService", List.of("passing"), Set.of("address", "name", "token", "ca-file"));
        add(types, "docker_container", "DockerContainer", List.of("exists", "running", "healthy", "status"), Set.of("name"));
        return Map.copyOf(types);
    }

    private static void add(Map<String, CheckType> types, String name, String display, List<String> properties,
                            Set<String> settings) {
        types.put(name, new CheckType(name, display, properties, settings));
    }

    public static Optional<CheckType> named(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    public static Set<String> names() {
        return new java.util.TreeSet<>(ALL.keySet());
    }

    /** Every attribute a check of this type may carry. */
    public Set<String> attributes() {
        Set<String> all = new java.util.TreeSet<>(COMMON);
        all.addAll(properties);
        all.addAll(settings);
        return all;
    }

    public boolean isProperty(String attribute) {
        return properties.contains(attribute);
    }
}
