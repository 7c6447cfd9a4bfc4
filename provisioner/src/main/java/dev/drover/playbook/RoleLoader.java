package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.inventory.VarsDirectory;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.YamlMap;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads roles: {@code roles/NAME/{tasks,handlers,defaults,vars,meta}/main.yml}
 * (or main.yaml), looked up in the playbook's roles/ folder, then DROVER_ROLES_PATH and
 * ANSIBLE_ROLES_PATH, then beside the playbook. Meta dependencies come first; a role runs
 * once per play unless it is given different params or allows duplicates.
 */
final class RoleLoader {

    private final TaskListLoader tasks;
    private final List<Path> searchPath;

    RoleLoader(TaskListLoader tasks, Path playbookDir, Map<String, String> environment) {
        this.tasks = tasks;
        List<Path> path = new ArrayList<>();
        path.add(playbookDir.resolve("roles"));
        for (String variable : List.of("DROVER_ROLES_PATH", "ANSIBLE_ROLES_PATH")) {
            String value = environment.get(variable);
            if (value != null) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        path.add(Path.of(entry));
                    }
                }
            }
        }
        path.add(playbookDir);
        this.searchPath = List.copyOf(path);
    }

    /** Loads the roles a play lists, dependencies first, into {@code into}. */
    void load(Object roleList, SourceLocation where, Inherited playKeywords, List<PlayRole> into) {
        if (roleList == null) {
            return;
        }
        if (!(roleList instanceof List<?> entries)) {
            throw new UserError("roles must be a list", where, "write '- rolename' or '- role: rolename' items");
        }
        for (Object entry : entries) {
            loadEntry(entry, where, playKeywords, into, new ArrayList<>(), Map.of());
        }
    }

    /**
     * @param chainParams the params of the roles that depend on this one: as in Ansible, a
     *                    dependency sees the params its dependents were given, below its own
     */
    private void loadEntry(Object entry, SourceLocation where, Inherited inherited, List<PlayRole> into, List<String> chain,
                           Map<String, Object> chainParams) {
        String name;
        Map<String, Object> keywords = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        SourceLocation at = where;
        if (entry instanceof YamlMap map) {
            at = map.location();
            Object roleName = map.containsKey("role") ? map.get("role") : map.get("name");
            if (roleName == null) {
                throw new UserError("a role entry needs 'role: NAME'", at, null);
            }
            name = String.valueOf(roleName);
            TaskKeywords.check(map);
            for (Map.Entry<String, Object> e : map.entrySet()) {
                String key = e.getKey();
                if (key.equals("role") || key.equals("name")) {
                    continue;
                }
                if (key.equals("vars") && e.getValue() instanceof Map<?, ?> vars) {
                    vars.forEach((k, v) -> params.put(String.valueOf(k), v));
                } else if (TaskKeywords.ROLE_ENTRY.contains(key)) {
                    keywords.put(key, e.getValue());
                } else {
                    params.put(key, e.getValue());
                }
            }
        } else if (entry instanceof String text) {
            name = text;
        } else {
            throw new UserError("a role entry must be a name or a mapping, got: " + entry, where, null);
        }
        if (chain.contains(name)) {
            throw new UserError("role dependency cycle: " + String.join(" -> ", chain) + " -> " + name, at, null);
        }
        Path path = find(name, at);
        Map<String, Object> defaults = readVars(path.resolve("defaults"));
        Map<String, Object> vars = readVars(path.resolve("vars"));
        Object meta = mainFile(path.resolve("meta")).map(AnsibleYaml::load).orElse(null);
        Inherited roleKeywords = inherited.with(keywords, false);

        List<String> nextChain = new ArrayList<>(chain);
        nextChain.add(name);
        boolean allowDuplicates = false;
        if (meta instanceof YamlMap metaMap) {
            allowDuplicates = Boolean.TRUE.equals(metaMap.get("allow_duplicates"));
            Object deps = metaMap.get("dependencies");
            if (deps instanceof List<?> depList) {
                Map<String, Object> visibleToDeps = new LinkedHashMap<>(chainParams);
                visibleToDeps.putAll(params);
                for (Object dep : depList) {
                    loadEntry(dep, metaMap.locationOf("dependencies"), roleKeywords, into, nextChain, visibleToDeps);
                }
            }
        }
        Map<String, Object> allParams = new LinkedHashMap<>(chainParams);
        allParams.putAll(params);
        for (PlayRole existing : into) {
            if (existing.role().name().equals(name) && existing.entryParams().equals(params) && !allowDuplicates) {
                return;
            }
        }
        Role role = new Role(name, path, defaults, vars, allParams);
        Inherited inRole = roleKeywords.inRole(role, path.resolve("tasks"));
        List<TaskItem> roleTasks = mainFile(path.resolve("tasks"))
                .map(f -> tasks.load(AnsibleYaml.load(f), SourceLocation.of(f), inRole, false))
                .orElse(List.of());
        Inherited inHandlers = roleKeywords.inRole(role, path.resolve("handlers"));
        List<TaskItem> roleHandlers = new ArrayList<>();
        mainFile(path.resolve("handlers")).ifPresent(f -> PlaybookLoader.flattenHandlers(
                tasks.load(AnsibleYaml.load(f), SourceLocation.of(f), inHandlers, true), roleHandlers));
        into.add(new PlayRole(role, params, roleTasks, roleHandlers));
    }

    /**
     * A role named by include_role or import_role: its tasks, handlers, defaults and vars read
     * from the files the request names (main by default), its meta dependencies first.
     * Every such request runs the role again, as Ansible's allow_duplicates default does.
     */
    PlayRole loadRequested(RoleRequest request, SourceLocation at, Inherited inherited) {
        Path path = find(request.name(), at);
        Map<String, Object> defaults = fileIn(path, "defaults", request.defaultsFrom(), at).map(VarsDirectory::readVarsFile).orElse(Map.of());
        Map<String, Object> vars = fileIn(path, "vars", request.varsFrom(), at).map(VarsDirectory::readVarsFile).orElse(Map.of());
        List<TaskItem> roleTasks = new ArrayList<>();
        List<TaskItem> roleHandlers = new ArrayList<>();
        Object meta = mainFile(path.resolve("meta")).map(AnsibleYaml::load).orElse(null);
        if (meta instanceof YamlMap metaMap && metaMap.get("dependencies") instanceof List<?> depList) {
            List<PlayRole> dependencies = new ArrayList<>();
            for (Object dep : depList) {
                loadEntry(dep, metaMap.locationOf("dependencies"), inherited, dependencies, new ArrayList<>(List.of(request.name())), Map.of());
            }
            dependencies.forEach(d -> {
                roleTasks.addAll(d.tasks());
                roleHandlers.addAll(d.handlers());
            });
        }
        Role role = new Role(request.name(), path, defaults, vars, Map.of());
        Inherited inRole = inherited.inRole(role, path.resolve("tasks"));
        fileIn(path, "tasks", request.tasksFrom(), at)
                .ifPresent(f -> roleTasks.addAll(tasks.load(AnsibleYaml.load(f), SourceLocation.of(f), inRole, false)));
        Inherited inHandlers = inherited.inRole(role, path.resolve("handlers"));
        fileIn(path, "handlers", request.handlersFrom(), at).ifPresent(f -> PlaybookLoader.flattenHandlers(
                tasks.load(AnsibleYaml.load(f), SourceLocation.of(f), inHandlers, true), roleHandlers));
        return new PlayRole(role, Map.of(), roleTasks, roleHandlers);
    }

    /** main.yml of a role folder, or the file a *_from option names (with or without its extension). */
    private static java.util.Optional<Path> fileIn(Path role, String folder, String named, SourceLocation at) {
        if (named == null) {
            return mainFile(role.resolve(folder));
        }
        for (String candidate : List.of(named, named + ".yml", named + ".yaml", named + ".json")) {
            Path file = role.resolve(folder).resolve(candidate);
            if (Files.isRegularFile(file)) {
                return java.util.Optional.of(file);
            }
        }
        throw new UserError("Could not find specified file in role: " + folder + "/" + named, at,
                "the file is looked up in " + role.resolve(folder));
    }

    private Path find(String name, SourceLocation at) {
        Path direct = Path.of(name);
        if (name.contains("/") && Files.isDirectory(direct)) {
            return direct.toAbsolutePath();
        }
        for (Path base : searchPath) {
            Path candidate = base.resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new UserError("the role '" + name + "' was not found", at,
                "looked in: " + String.join(", ", searchPath.stream().map(Path::toString).toList())
                        + "; set DROVER_ROLES_PATH to add folders");
    }

    private static java.util.Optional<Path> mainFile(Path dir) {
        for (String name : List.of("main.yml", "main.yaml", "main")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                return java.util.Optional.of(file);
            }
        }
        return java.util.Optional.empty();
    }

    private static Map<String, Object> readVars(Path dir) {
        return mainFile(dir).map(VarsDirectory::readVarsFile).orElse(Map.of());
    }
}
