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
 * Turns a YAML task list into {@link TaskItem}s: works out each task's action and
 * arguments, pushes block and role keywords down into tasks, and inlines
 * {@code import_tasks}/{@code include_tasks}. Unknown actions and keywords are reported here,
 * before any host is touched.
 */
final class TaskListLoader {

    private static final String BUILTIN = "ansible.builtin.";
    private static final String LEGACY = "ansible.legacy.";

    private final Set<String> knownActions;

    TaskListLoader(Set<String> knownActions) {
        this.knownActions = knownActions;
    }

    List<TaskItem> load(Object list, SourceLocation where, Inherited inherited, boolean handlers) {
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> entries)) {
            throw new UserError("expected a list of tasks", where, "each task starts with '- name: ...'");
        }
        List<TaskItem> items = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof YamlMap task)) {
                throw new UserError("a task must be a mapping, got: " + entry, where,
                        "write tasks as '- name: ...' followed by a module, e.g. 'command: uptime'");
            }
            if (task.containsKey("block")) {
                items.add(block(task, inherited, handlers));
            } else {
                items.addAll(task(task, inherited, handlers));
            }
        }
        return items;
    }

    private Block block(YamlMap map, Inherited inherited, boolean handlers) {
        for (String key : map.keySet()) {
            if (!TaskKeywords.BLOCK.contains(key)) {
                throw new UserError("'" + key + "' is not a valid attribute for a Block", map.locationOf(key),
                        "a block takes block, rescue, always and keywords like when, become, vars, tags");
            }
        }
        Inherited inner = inherited.with(map, true);
        return new Block(str(map.get("name")),
                load(map.get("block"), map.locationOf("block"), inner, handlers),
                load(map.get("rescue"), map.locationOf("rescue"), inner, handlers),
                load(map.get("always"), map.locationOf("always"), inner, handlers),
                map.location());
    }

    private List<TaskItem> task(YamlMap map, Inherited inherited, boolean handler) {
        ParsedAction parsed = parseAction(map);
        String action = parsed.action();
        if (action.equals("import_tasks") || action.equals("include_tasks")) {
            return includeTasks(map, parsed, inherited, handler);
        }
        if (!knownActions.contains(action)) {
            throw new UserError("couldn't resolve module/action '" + action + "'", map.locationOf(parsed.key()),
                    "check the spelling; modules Drover knows: " + String.join(", ", knownActions.stream().sorted().toList()));
        }
        if (map.containsKey("async")) {
            throw new UserError("async tasks are not supported yet", map.locationOf("async"),
                    "remove async/poll; the task will run in the foreground");
        }
        if (!handler && map.containsKey("listen")) {
            throw new UserError("'listen' is only valid on handlers", map.locationOf("listen"), null);
        }
        Inherited own = inherited.with(map, false);
        LoopSpec loop = LoopSpec.of(map);
        Map<String, Object> vars = new LinkedHashMap<>();
        if (map.get("vars") instanceof Map<?, ?> taskVars) {
            taskVars.forEach((k, v) -> vars.put(String.valueOf(k), v));
        } else if (map.get("vars") != null) {
            throw new UserError("vars must be a mapping", map.locationOf("vars"), null);
        }
        Object delegate = map.containsKey("local_action") ? "localhost" : own.delegateTo();
        return List.of(new Task(str(map.get("name")), action, parsed.args(), map.location(),
                own.when(), loop.items(), loop.kind(), loop.control(),
                str(map.get("register")),
                Conditions.orNull(map.get("changed_when"), map.containsKey("changed_when")),
                Conditions.orNull(map.get("failed_when"), map.containsKey("failed_when")),
                own.ignoreErrors(), names(map.get("notify")), own.tags(), own.become(), own.becomeUser(),
                vars, own.blockVars(), own.environment(), own.noLog(),
                handler ? names(map.get("listen")) : List.of(), own.role(), own.checkMode(), own.diff(),
                delegate, own.runOnce(), RetrySpec.of(map)));
    }

    /** import_tasks and include_tasks: the file's tasks, inlined with the include's keywords applied. */
    private List<TaskItem> includeTasks(YamlMap map, ParsedAction parsed, Inherited inherited, boolean handler) {
        if (map.containsKey("loop") || map.keySet().stream().anyMatch(TaskKeywords::isWithLoop)) {
            throw new UserError(parsed.action() + " with a loop is not supported yet", map.location(),
                    "list the included tasks with the loop on each of them instead");
        }
        Object file = parsed.args().getOrDefault("file", parsed.args().get("_raw_params"));
        if (file == null) {
            throw new UserError(parsed.action() + " needs a file name", map.location(), null);
        }
        String name = String.valueOf(file).strip();
        if (name.contains("{{")) {
            throw new UserError(parsed.action() + " of a templated file name is not supported yet: " + name,
                    map.location(), "name the file literally");
        }
        Path path = resolveTaskFile(inherited, name);
        if (path == null) {
            throw new UserError("could not find the task file '" + name + "'", map.location(),
                    "task files are looked up beside the including file, and in the role's tasks/ folder");
        }
        Inherited inner = inherited.with(map, true).inFolder(path.getParent());
        return load(AnsibleYaml.load(path), SourceLocation.of(path), inner, handler);
    }

    private static Path resolveTaskFile(Inherited inherited, String name) {
        Path given = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            candidates.add(inherited.baseDir().resolve(name));
            if (inherited.role() != null) {
                candidates.add(inherited.role().path().resolve("tasks").resolve(name));
                candidates.add(inherited.role().path().resolve("handlers").resolve(name));
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    record ParsedAction(String action, String key, Map<String, Object> args) {
    }

    /** Finds the action of a task: the one key that is not a keyword, or action:/local_action:. */
    ParsedAction parseAction(YamlMap map) {
        List<String> candidates = new ArrayList<>();
        for (String key : map.keySet()) {
            if (!TaskKeywords.TASK.contains(key) && !TaskKeywords.isWithLoop(key)) {
                candidates.add(key);
            }
        }
        String key;
        String action;
        Object value;
        if (map.containsKey("action") || map.containsKey("local_action")) {
            key = map.containsKey("action") ? "action" : "local_action";
            if (!candidates.isEmpty()) {
                throw new UserError("conflicting action statements: " + key + ", " + candidates.get(0),
                        map.locationOf(candidates.get(0)), "a task runs exactly one module");
            }
            value = map.get(key);
            if (value instanceof Map<?, ?> spec) {
                Map<String, Object> copy = new LinkedHashMap<>();
                spec.forEach((k, v) -> copy.put(String.valueOf(k), v));
                Object module = copy.remove("module");
                if (module == null) {
                    throw new UserError("'" + key + "' as a mapping needs a 'module' key", map.locationOf(key), null);
                }
                action = normalize(String.valueOf(module));
                value = copy;
            } else {
                String text = String.valueOf(value).strip();
                int space = text.indexOf(' ');
                action = normalize(space < 0 ? text : text.substring(0, space));
                value = space < 0 ? null : text.substring(space + 1);
            }
        } else if (candidates.size() == 1) {
            key = candidates.get(0);
            action = normalize(key);
            value = map.get(key);
        } else if (candidates.isEmpty()) {
            throw new UserError("no module/action detected in task", map.location(),
                    "a task needs one module, e.g. 'command: uptime' or 'copy: {src: a, dest: /b}'");
        } else {
            throw new UserError("conflicting action statements: " + String.join(", ", candidates),
                    map.locationOf(candidates.get(1)),
                    "a task runs exactly one module; is one of these a misspelled keyword?");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        if (map.get("args") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> args.put(String.valueOf(k), v));
        }
        if (value instanceof Map<?, ?> given) {
            given.forEach((k, v) -> args.put(String.valueOf(k), v));
        } else if (value != null) {
            boolean freeForm = TaskKeywords.FREE_FORM.contains(action);
            Map<String, Object> parsed = KeyValueArgs.parse(String.valueOf(value), freeForm);
            if (parsed.containsKey("_raw_params") && !TaskKeywords.TAKES_RAW.contains(action)) {
                throw new UserError("this task '" + action + "' has extra params, which is only allowed in the following"
                        + " modules: " + String.join(", ", TaskKeywords.TAKES_RAW.stream().sorted().toList()),
                        map.locationOf(key), "write the arguments as key=value pairs or as a mapping");
            }
            args.putAll(parsed);
        }
        return new ParsedAction(action, key, args);
    }

    static String normalize(String action) {
        if (action.startsWith(BUILTIN)) {
            return action.substring(BUILTIN.length());
        }
        if (action.startsWith(LEGACY)) {
            return action.substring(LEGACY.length());
        }
        // Modules Ansible 2.14 moved to the ansible.posix collection, which Drover ships as builtins.
        if (action.equals("ansible.posix.sysctl") || action.equals("ansible.posix.mount")) {
            return action.substring("ansible.posix.".length());
        }
        return action;
    }

    static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static List<String> names(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
