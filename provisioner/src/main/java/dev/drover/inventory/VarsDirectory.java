package dev.drover.inventory;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.AnsibleYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} folders beside an inventory or a playbook.
 * For a name, Ansible reads the first of {@code group_vars/NAME} (every file under it, in
 * sorted order, when it is a folder), {@code NAME.yml}, {@code NAME.yaml} and {@code NAME.json}.
 */
public final class VarsDirectory {

    public static final VarsDirectory NONE = new VarsDirectory(Map.of(), Map.of());

    private final Map<String, Map<String, Object>> groups;
    private final Map<String, Map<String, Object>> hosts;

    private VarsDirectory(Map<String, Map<String, Object>> groups, Map<String, Map<String, Object>> hosts) {
        this.groups = Map.copyOf(groups);
        this.hosts = Map.copyOf(hosts);
    }

    /** Reads group_vars and host_vars under {@code base} for every group and host of the inventory. */
    public static VarsDirectory load(Path base, Inventory inventory) {
        if (base == null) {
            return NONE;
        }
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        for (String group : inventory.groupNames()) {
            Map<String, Object> vars = readFor(base.resolve("group_vars"), group);
            if (!vars.isEmpty()) {
                groups.put(group, vars);
            }
        }
        Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
        for (Host host : inventory.hosts()) {
            Map<String, Object> vars = readFor(base.resolve("host_vars"), host.name());
            if (!vars.isEmpty()) {
                hosts.put(host.name(), vars);
            }
        }
        return new VarsDirectory(groups, hosts);
    }

    public Map<String, Object> group(String name) {
        return groups.getOrDefault(name, Map.of());
    }

    public Map<String, Object> host(String name) {
        return hosts.getOrDefault(name, Map.of());
    }

    /**
     * Ansible's rule: of {@code NAME} (a file, or a folder read whole), {@code NAME.yml},
     * {@code NAME.yaml} and {@code NAME.json}, the first that exists is read and the rest are
     * not — so {@code group_vars/all.yml} beside a folder {@code group_vars/all/} is ignored.
     */
    private static Map<String, Object> readFor(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        for (String candidate : List.of(name, name + ".yml", name + ".yaml", name + ".json")) {
            Path path = folder.resolve(candidate);
            if (Files.isDirectory(path)) {
                Map<String, Object> vars = new LinkedHashMap<>();
                for (Path file : varsFilesUnder(path)) {
                    vars.putAll(readVarsFile(file));
                }
                return vars;
            }
            if (Files.isRegularFile(path)) {
                return readVarsFile(path);
            }
        }
        return Map.of();
    }

    private static List<Path> varsFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = new ArrayList<>();
            files.filter(Files::isRegularFile)
                    .filter(f -> {
                        String n = f.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json") || !n.contains("."));
                    })
                    .sorted()
                    .forEach(found::add);
            return found;
        } catch (IOException e) {
            throw new UserError("cannot read " + dir + ": " + e.getMessage(), SourceLocation.of(dir), null);
        }
    }

    /** A file of variables: a mapping at the top, or nothing. */
    public static Map<String, Object> readVarsFile(Path file) {
        Object document = AnsibleYaml.load(file);
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new UserError("a variables file must hold a mapping of names to values", SourceLocation.of(file),
                    "write it as 'name: value' lines");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        map.forEach((k, v) -> vars.put(String.valueOf(k), v));
        return vars;
    }
}
