package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.yaml.Frozen;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One play. Its sections run in order: pre_tasks, roles, tasks, post_tasks, with handlers
 * flushed after each section. {@code gatherOptions} holds the play's gather_subset,
 * gather_timeout and fact_path as written, for the facts gathered before its tasks.
 *
 * @param serial            null, a number, a percentage, or a list of them: the batch sizes
 * @param strategy          null (linear), "linear" or "free"; may be templated
 * @param maxFailPercentage null, or the share of a batch's hosts that may fail before the play stops
 * @param run               the play's own run keywords (remote_user, port, module_defaults, ...), which its
 *                          tasks inherit; the play's fact gathering runs with them too
 * @param forceHandlers     null, or whether notified handlers run on hosts that failed; may be templated
 * @param tags              the play's own tags (its tasks have them too)
 */
public record Play(String name, String hosts, SourceLocation location, Path baseDir,
                   Map<String, Object> vars, List<Object> varsFiles, List<PlayRole> roles,
                   List<TaskItem> preTasks, List<TaskItem> tasks, List<TaskItem> postTasks, List<TaskItem> handlers,
                   Object gatherFacts, boolean anyErrorsFatal, Object serial, Object strategy,
                   Object maxFailPercentage, Map<String, Object> gatherOptions, Object order,
                   RunKeywords run, Object forceHandlers, List<VarsPrompt> varsPrompts, java.util.Set<String> tags) {
    public Play {
        varsPrompts = List.copyOf(varsPrompts);
        tags = java.util.Set.copyOf(tags);
        gatherOptions = Frozen.copy(gatherOptions);
        vars = Frozen.copy(vars);
        varsFiles = List.copyOf(varsFiles);
        roles = List.copyOf(roles);
        preTasks = List.copyOf(preTasks);
        tasks = List.copyOf(tasks);
        postTasks = List.copyOf(postTasks);
        handlers = List.copyOf(handlers);
    }

    /** This play with its vars_prompt answers among its vars (above them, below vars_files, as in Ansible). */
    public Play withPromptedVars(Map<String, Object> answers) {
        if (answers.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(vars);
        merged.putAll(answers);
        return new Play(name, hosts, location, baseDir, merged, varsFiles, roles, preTasks, tasks, postTasks, handlers,
                gatherFacts, anyErrorsFatal, serial, strategy, maxFailPercentage, gatherOptions, order, run, forceHandlers, varsPrompts, tags);
    }

    /** The role tasks, in the order roles were listed (dependencies first). */
    public List<TaskItem> roleTasks() {
        return roles.stream().flatMap(r -> r.tasks().stream()).toList();
    }

    /** Every handler the play can notify (a task, or an include_tasks): its own, then those of its roles. */
    public List<TaskItem> allHandlers() {
        List<TaskItem> all = new java.util.ArrayList<>(handlers);
        roles.forEach(r -> all.addAll(r.handlers()));
        return List.copyOf(all);
    }
}
