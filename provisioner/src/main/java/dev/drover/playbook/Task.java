package dev.drover.playbook;

import dev.drover.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task, with the keywords it inherits from its play, role and blocks already applied.
 * Values that Ansible templates at run time (when, become, ignore_errors, args, ...) are kept raw.
 *
 * @param action     the module name, with any {@code ansible.builtin.} prefix removed
 * @param args       the module arguments as written (free-form text is under {@code _raw_params})
 * @param when       every condition that must hold, outermost block first
 * @param loop       null, a list, or a template string that yields a list
 * @param loopKind   {@code loop}, or the lookup of a {@code with_*} keyword ({@code items}, {@code dict}, ...)
 * @param blockVars  variables of the enclosing blocks, merged outermost first
 * @param listen     for handlers: the topics it answers besides its name
 * @param role       the role this task came from, or null
 * @param run        throttle, timeout, any_errors_fatal, delegate_facts, connection
 */
public record Task(String name, String action, Map<String, Object> args, SourceLocation location,
                   List<String> when, Object loop, String loopKind, LoopControl loopControl,
                   String register, List<String> changedWhen, List<String> failedWhen, Object ignoreErrors,
                   List<String> notifies, Set<String> tags, Object become, Object becomeUser,
                   Map<String, Object> vars, Map<String, Object> blockVars, Map<String, Object> environment,
                   Object noLog, List<String> listen, Role role, Object checkMode, Object diff,
                   Object delegateTo, Object runOnce, RetrySpec retry,
                   RunKeywords run)
        implements TaskItem {

    /** The name shown in output: the task's name, or its action as Ansible shows unnamed tasks. */
    public String displayName() {
        String base = name != null && !name.isBlank() ? name : action;
        return role == null ? base : role.name() + " : " + base;
    }
}
