package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.AnsibleYaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a dynamic include was written, so that what it names can be loaded when it runs:
 * the keywords of the blocks and role around it, and the folder its file names are
 * relative to. The include's own keywords (when, tags, loop) stay on the include; only its
 * {@code vars} and the keywords under {@code apply:} reach the included tasks, as in Ansible.
 */
public final class IncludeSource {

    private final TaskListLoader loader;
    private final RoleLoader roles;
    private final Inherited around;
    private final SourceLocation location;
    private final boolean handler;

    IncludeSource(TaskListLoader loader, RoleLoader roles, Inherited around, SourceLocation location, boolean handler) {
        this.loader = loader;
        this.roles = roles;
        this.around = around;
        this.location = location;
        this.handler = handler;
    }

    /**
     * The tasks of an included file.
     *
     * @param vars  the include's vars and loop variables: variables of the included tasks
     * @param apply the include's {@code apply:} keywords, or null
     */
    public List<TaskItem> tasks(String file, Map<String, Object> vars, Object apply) {
        Path path = TaskListLoader.resolveTaskFile(around, file);
        if (path == null) {
            Path shown = Path.of(file).isAbsolute() ? Path.of(file) : around.baseDir().resolve(file);
            throw new UserError("Could not find or access '" + shown + "' on the Ansible Controller.", location,
                    "task files are looked up beside the including file, and in the role's tasks/ folder");
        }
        Inherited inner = withVarsAndApply(vars, apply).inFolder(path.getParent());
        return loader.load(AnsibleYaml.load(path), SourceLocation.of(path), inner, handler);
    }

    /** The file an include_tasks names, as it is found (beside the including file, then in the role's tasks/), or null. */
    public Path file(String name) {
        return TaskListLoader.resolveTaskFile(around, name);
    }

    /** The role an include_role names, loaded with its tasks and handlers. */
    public PlayRole role(RoleRequest request, Map<String, Object> vars, Object apply) {
        return roles.loadRequested(request, location, withVarsAndApply(vars, apply));
    }

    private Inherited withVarsAndApply(Map<String, Object> vars, Object apply) {
        Inherited inner = around;
        if (!vars.isEmpty()) {
            inner = inner.with(Map.of("vars", vars), true);
        }
        if (apply != null) {
            if (!(apply instanceof Map<?, ?> keywords)) {
                throw new UserError("Invalid options for include: apply must be a dictionary", location, null);
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            keywords.forEach((k, v) -> copy.put(String.valueOf(k), v));
            for (String key : copy.keySet()) {
                if (!TaskKeywords.BLOCK.contains(key) || key.equals("block") || key.equals("rescue") || key.equals("always")) {
                    throw new UserError("'" + key + "' is not a valid attribute for a Block", location,
                            "apply takes block keywords: when, tags, become, become_user, environment, vars, ...");
                }
            }
            inner = inner.with(copy, true);
        }
        return inner;
    }
}
