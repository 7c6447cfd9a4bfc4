package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a playbook into {@link Playbook}: plays, their roles, task sections and handlers,
 * with {@code import_playbook} expanded. Everything that can be checked without a host is
 * checked here: keywords, actions, role and file names.
 */
public final class PlaybookLoader {

    private final Set<String> knownActions;
    private final Map<String, String> environment;
    private final Map<String, Object> extraVars;

    /**
     * @param knownActions the modules and actions that may appear in tasks
     * @param environment  the process environment (for DROVER_ROLES_PATH / ANSIBLE_ROLES_PATH)
     */
    public PlaybookLoader(Set<String> knownActions, Map<String, String> environment) {
        this(knownActions, environment, Map.of());
    }

    /** @param extraVars -e: known when the playbook is read, so static import names may use them */
    public PlaybookLoader(Set<String> knownActions, Map<String, String> environment, Map<String, Object> extraVars) {
        this.knownActions = Set.copyOf(knownActions);
        this.environment = Map.copyOf(environment);
        this.extraVars = dev.drover.yaml.Frozen.copy(extraVars);
    }

    public Playbook load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        List<Play> plays = new ArrayList<>();
        loadInto(absolute, plays, new ArrayList<>());
        return new Playbook(absolute, plays);
    }

    private void loadInto(Path file, List<Play> plays, List<Path> importing) {
        if (importing.contains(file)) {
            throw new UserError("import_playbook loop: " + file + " imports itself", SourceLocation.of(file), null);
        }
        importing.add(file);
        Object document = AnsibleYaml.load(file);
        if (document == null) {
            throw new UserError("the playbook is empty", SourceLocation.of(file), "a playbook is a list of plays");
        }
        if (!(document instanceof List<?> entries)) {
            throw new UserError("a playbook must be a list of plays", SourceLocation.of(file),
                    "start each play with '- hosts: ...'");
        }
        for (Object entry : entries) {
            if (!(entry instanceof YamlMap map)) {
                throw new UserError("a play must be a mapping, got: " + entry, SourceLocation.of(file), null);
            }
            Object imported = map.containsKey("import_playbook") ? map.get("import_playbook")
                    : map.get("ansible.builtin.import_playbook");
            if (imported != null) {
                Path target = file.getParent().resolve(String.valueOf(imported)).normalize();
                if (!Files.isRegularFile(target)) {
                    throw new UserError("imported playbook not found: " + imported, map.location(), null);
                }
                loadInto(target, plays, importing);
                continue;
            }
            plays.add(play(map, file.getParent()));
        }
        importing.remove(file);
    }

    private Play play(YamlMap map, Path baseDir) {
        for (String key : map.keySet()) {
            if (!TaskKeywords.PLAY.contains(key)) {
                throw new UserError("'" + key + "' is not a valid attribute for a Play", map.locationOf(key),
                        knownActions.contains(TaskListLoader.normalize(key))
                                ? "'" + key + "' is a module: put it in a task under 'tasks:'" : null);
            }
        }
        TaskKeywords.check(map);
        if (map.get("hosts") == null) {
            throw new UserError("the field 'hosts' is required but was not set", map.location(),
                    "name the hosts or groups this play runs on, e.g. 'hosts: all'");
        }
        Object hosts = map.get("hosts");
        String pattern = hosts instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(hosts);
        Inherited playKeywords = Inherited.root(baseDir).with(map, false);
        TaskListLoader tasks = new TaskListLoader(knownActions, baseDir, environment,
                new ImportNames(staticPlayVars(map, baseDir), extraVars));
        List<PlayRole> roles = new ArrayList<>();
        tasks.roles().load(map.get("roles"), map.locationOf("roles"), playKeywords, roles);
        List<TaskItem> handlers = new ArrayList<>();
        flattenHandlers(tasks.load(map.get("handlers"), map.locationOf("handlers"), playKeywords, true), handlers);
        String name = map.get("name") == null ? pattern : String.valueOf(map.get("name"));
        List<TaskItem> preTasks = tasks.load(map.get("pre_tasks"), map.locationOf("pre_tasks"), playKeywords, false);
        List<TaskItem> mainTasks = tasks.load(map.get("tasks"), map.locationOf("tasks"), playKeywords, false);
        List<TaskItem> postTasks = tasks.load(map.get("post_tasks"), map.locationOf("post_tasks"), playKeywords, false);
        // Roles brought in by import_role bring their handlers to the play, after the play's own.
        handlers.addAll(tasks.importedHandlers());
        return new Play(name, pattern, map.location(), baseDir, playVars(map), varsFiles(map), roles,
                preTasks, mainTasks, postTasks,
                handlers, map.get("gather_facts"),
                Boolean.TRUE.equals(map.get("any_errors_fatal")), map.get("serial"), map.get("strategy"),
                map.get("max_fail_percentage"), gatherOptions(map), map.get("order"), playKeywords.run(), map.get("force_handlers"), VarsPrompt.of(map),
                new java.util.LinkedHashSet<>(Tags.of(map.get("tags"))));
    }

    /**
     * The play's vars with those of its vars_files over them, as far as they can be read
     * without a host: files named plainly (not templated) that are there. The rest is read
     * when the play runs, where a missing file is reported.
     */
    private static Map<String, Object> staticPlayVars(YamlMap map, Path baseDir) {
        Map<String, Object> vars = new LinkedHashMap<>(playVars(map));
        for (Object entry : varsFiles(map)) {
            if (entry instanceof String name && !name.contains("{{")) {
                Path file = baseDir.resolve(name);
                if (Files.isRegularFile(file)) {
                    vars.putAll(dev.drover.inventory.VarsDirectory.readVarsFile(file));
                }
            }
        }
        return vars;
    }

    private static Map<String, Object> gatherOptions(YamlMap map) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String key : List.of("gather_subset", "gather_timeout", "fact_path")) {
            if (map.get(key) != null) {
                options.put(key, map.get(key));
            }
        }
        return options;
    }

    private static Map<String, Object> playVars(YamlMap map) {
        Object vars = map.get("vars");
        Map<String, Object> out = new LinkedHashMap<>();
        if (vars instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (vars instanceof List<?> list) {
            // An old form: a list of single-key mappings.
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> out.put(String.valueOf(k), v));
                }
            }
        } else if (vars != null) {
            throw new UserError("play vars must be a mapping", map.locationOf("vars"), null);
        }
        return out;
    }

    private static List<Object> varsFiles(YamlMap map) {
        Object files = map.get("vars_files");
        if (files == null) {
            return List.of();
        }
        if (files instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(files);
    }

    /**
     * Handlers may sit in blocks; they are notified one by one, so the blocks are flattened.
     * A handler is a task, or an include_tasks whose tasks run when it is notified; include_role
     * is refused, as Ansible 2.14 refuses it.
     */
    static void flattenHandlers(List<TaskItem> items, List<TaskItem> into) {
        for (TaskItem item : items) {
            if (item instanceof Block block) {
                flattenHandlers(block.tasks(), into);
                flattenHandlers(block.rescue(), into);
                flattenHandlers(block.always(), into);
            } else if (item instanceof Include include && include.isRole()) {
                throw new dev.drover.UserError("Using 'include_role' as a handler is not supported.", include.location(),
                        "notify handlers the role defines (its handlers join the play's), or include_tasks a file that"
                                + " uses include_role");
            } else {
                into.add(item);
            }
        }
    }
}
