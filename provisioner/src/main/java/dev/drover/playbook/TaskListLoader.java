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

    /** The keywords Ansible accepts on include_tasks and include_role (TaskInclude.VALID_INCLUDE_KEYWORDS). */
    private static final Set<String> INCLUDE_KEYWORDS = Set.of("action", "args", "collections", "debugger",
            "ignore_errors", "loop", "loop_control", "loop_with", "name", "no_log", "register", "run_once", "tags",
            "timeout", "vars", "when");
    private static final Set<String> INCLUDE_TASKS_ARGS = Set.of("file", "_raw_params", "apply");
    private static final Set<String> ROLE_ARGS = Set.of("name", "role", "tasks_from", "vars_from", "defaults_from",
            "handlers_from", "apply", "public", "allow_duplicates", "rolespec_validate");

    private final Set<String> knownActions;
    private final RoleLoader roles;
    /** Handlers of roles brought in by import_role: the play adds them to its own. */
    private final List<TaskItem> importedHandlers = new ArrayList<>();

    /** What static import names are templated with. */
    private final ImportNames importNames;

    TaskListLoader(Set<String> knownActions, Path playbookDir, Map<String, String> environment, ImportNames importNames) {
        this.knownActions = knownActions;
        this.roles = new RoleLoader(this, playbookDir, environment);
        this.importNames = importNames;
    }

    RoleLoader roles() {
        return roles;
    }

    List<TaskItem> importedHandlers() {
        return List.copyOf(importedHandlers);
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
        TaskKeywords.check(map);
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
        if (action.equals("import_tasks")) {
            return importTasks(map, parsed, inherited, handler);
        }
        if (action.equals("include_tasks") || action.equals("include_role")) {
            return List.of(include(map, parsed, inherited, handler));
        }
        if (action.equals("import_role")) {
            return importRole(map, parsed, inherited);
        }
        if (!knownActions.contains(action)) {
            throw new UserError("couldn't resolve module/action '" + action + "'", map.locationOf(parsed.key()),
                    "check the spelling; modules Drover knows: " + String.join(", ", knownActions.stream().sorted().toList()));
        }
        TaskKeywords.check(map);
        if (!handler && map.containsKey("listen")) {
            throw new UserError("'listen' is only valid on handlers", map.locationOf("listen"), null);
        }
        return List.of(build(map, action, parsed.args(), inherited, handler));
    }

    /** The vars written on an import itself. */
    private static Map<String, Object> ownVars(YamlMap map) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (map.get("vars") instanceof Map<?, ?> written) {
            written.forEach((k, v) -> vars.put(String.valueOf(k), v));
        }
        return vars;
    }

    /** A task from its mapping, with the keywords it inherits applied. */
    private Task build(YamlMap map, String action, Map<String, Object> args, Inherited inherited, boolean handler) {
        Inherited own = inherited.with(map, false);
        LoopSpec loop = LoopSpec.of(map);
        Map<String, Object> vars = new LinkedHashMap<>();
        if (map.get("vars") instanceof Map<?, ?> taskVars) {
            taskVars.forEach((k, v) -> vars.put(String.valueOf(k), v));
        } else if (map.get("vars") != null) {
            throw new UserError("vars must be a mapping", map.locationOf("vars"), null);
        }
        Object delegate = map.containsKey("local_action") ? "localhost" : own.delegateTo();
        return new Task(str(map.get("name")), action, args, map.location(),
                own.when(), loop.items(), loop.kind(), loop.control(),
                str(map.get("register")),
                Conditions.orNull(map.get("changed_when"), map.containsKey("changed_when")),
                Conditions.orNull(map.get("failed_when"), map.containsKey("failed_when")),
                own.ignoreErrors(), names(map.get("notify")), own.tags(), own.become(), own.becomeUser(),
                vars, own.blockVars(), own.environment(), own.noLog(),
                handler ? names(map.get("listen")) : List.of(), own.role(), own.checkMode(), own.diff(),
                delegate, own.runOnce(), RetrySpec.of(map), own.run());
    }

    /** import_tasks: the file's tasks, inlined at load time with the import's keywords (when, tags, ...) applied to each. */
    private List<TaskItem> importTasks(YamlMap map, ParsedAction parsed, Inherited inherited, boolean handler) {
        if (map.containsKey("loop") || map.keySet().stream().anyMatch(TaskKeywords::isWithLoop)) {
            throw new UserError("You cannot use loops on 'import_tasks' statements. You should use 'include_tasks' instead.",
                    map.location(), null);
        }
        Object file = parsed.args().getOrDefault("file", parsed.args().get("_raw_params"));
        if (file == null) {
            throw new UserError("No file specified for import_tasks", map.location(), null);
        }
        String name = importNames.render(String.valueOf(file).strip(), "import_tasks", inherited, ownVars(map), map.location());
        Path path = resolveTaskFile(inherited, name);
        if (path == null) {
            throw new UserError("Could not find or access '" + inherited.baseDir().resolve(name) + "' on the Ansible Controller.",
                    map.location(), "task files are looked up beside the including file, and in the role's tasks/ folder");
        }
        Inherited inner = inherited.with(map, true).inFolder(path.getParent());
        return load(AnsibleYaml.load(path), SourceLocation.of(path), inner, handler);
    }

    /** include_tasks / include_role: kept as one item; what it includes is loaded when it runs. */
    private Include include(YamlMap map, ParsedAction parsed, Inherited inherited, boolean handler) {
        String action = parsed.action();
        boolean role = action.equals("include_role");
        for (String key : map.keySet()) {
            boolean handlerTopic = handler && key.equals("listen");
            if (!key.equals(parsed.key()) && !INCLUDE_KEYWORDS.contains(key) && !TaskKeywords.isWithLoop(key) && !handlerTopic) {
                throw new UserError("'" + key + "' is not a valid attribute for a " + (role ? "IncludeRole" : "TaskInclude"),
                        map.locationOf(key), role ? "put role keywords under 'apply:' of include_role, or use import_role"
                                : "put task keywords under 'apply:' of include_tasks, or use import_tasks");
            }
        }
        Set<String> validArgs = role ? ROLE_ARGS : INCLUDE_TASKS_ARGS;
        List<String> invalid = parsed.args().keySet().stream().filter(k -> !validArgs.contains(k)).sorted().toList();
        if (!invalid.isEmpty()) {
            throw new UserError("Invalid options for " + action + ": " + String.join(",", invalid), map.locationOf(parsed.key()),
                    role ? "include_role takes " + String.join(", ", ROLE_ARGS.stream().sorted().toList())
                            : "include_tasks takes a file name and apply");
        }
        if (role && RoleRequest.of(parsed.args()).name() == null) {
            throw new UserError("'name' is a required field for include_role.", map.location(), null);
        }
        if (!role && parsed.args().getOrDefault("file", parsed.args().get("_raw_params")) == null) {
            throw new UserError("No file specified for include_tasks", map.location(), null);
        }
        Task task = build(map, action, parsed.args(), inherited, handler);
        return new Include(task, new IncludeSource(this, roles, inherited, map.location(), handler));
    }

    /** import_role: the role's tasks inlined at load time; its keywords (when, tags, become, ...) apply to each. */
    private List<TaskItem> importRole(YamlMap map, ParsedAction parsed, Inherited inherited) {
        if (map.containsKey("loop") || map.keySet().stream().anyMatch(TaskKeywords::isWithLoop)) {
            throw new UserError("You cannot use loops on 'import_role' statements. You should use 'include_role' instead.",
                    map.location(), null);
        }
        List<String> invalid = parsed.args().keySet().stream().filter(k -> !ROLE_ARGS.contains(k)).sorted().toList();
        if (!invalid.isEmpty()) {
            throw new UserError("Invalid options for import_role: " + String.join(",", invalid), map.locationOf(parsed.key()), null);
        }
        RoleRequest written = RoleRequest.of(parsed.args());
        if (written.name() == null) {
            throw new UserError("'name' is a required field for import_role.", map.location(), null);
        }
        Map<String, Object> args = new LinkedHashMap<>(parsed.args());
        args.remove("role");
        args.put("name", importNames.render(written.name(), "import_role", inherited, ownVars(map), map.location()));
        RoleRequest request = RoleRequest.of(args);
        Inherited inner = inherited.with(map, true);
        if (parsed.args().get("apply") != null) {
            throw new UserError("Invalid options for import_role: apply", map.locationOf(parsed.key()),
                    "keywords on import_role apply to all its tasks already");
        }
        PlayRole imported = roles.loadRequested(request, map.location(), inner);
        importedHandlers.addAll(imported.handlers());
        return imported.tasks();
    }

    static Path resolveTaskFile(Inherited inherited, String name) {
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
        if (action.equals("community.general.wakeonlan")) {
            return "wakeonlan";
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
