package dev.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keywords a task inherits from the play, role entry and blocks around it, plus the
 * folder that relative task-file paths are read from.
 */
record Inherited(List<String> when, Set<String> tags, Object become, Object becomeUser,
                 Map<String, Object> environment, Map<String, Object> blockVars, Object ignoreErrors,
                 Object noLog, Role role, Object checkMode, Object diff, Object delegateTo, Object runOnce,
                 Path baseDir, RunKeywords run) {

    static Inherited root(Path baseDir) {
        return new Inherited(List.of(), Set.of(), null, null, Map.of(), Map.of(), null, null, null, null, null,
                null, null, baseDir, RunKeywords.NONE);
    }

    /** The keywords of {@code keywords} (a play, block or role entry) layered over these. */
    Inherited with(Map<String, Object> keywords, boolean includeVarsAsBlockVars) {
        List<String> allWhen = new ArrayList<>(when);
        allWhen.addAll(Conditions.of(keywords.get("when")));
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(Tags.of(keywords.get("tags")));
        Map<String, Object> env = new LinkedHashMap<>(environment);
        if (keywords.get("environment") instanceof Map<?, ?> more) {
            more.forEach((k, v) -> env.put(String.valueOf(k), v));
        }
        Map<String, Object> vars = new LinkedHashMap<>(blockVars);
        if (includeVarsAsBlockVars && keywords.get("vars") instanceof Map<?, ?> more) {
            more.forEach((k, v) -> vars.put(String.valueOf(k), v));
        }
        return new Inherited(allWhen, allTags, pick(keywords, "become", become), pick(keywords, "become_user", becomeUser),
                env, vars, pick(keywords, "ignore_errors", ignoreErrors), pick(keywords, "no_log", noLog), role,
                pick(keywords, "check_mode", checkMode), pick(keywords, "diff", diff),
                pick(keywords, "delegate_to", delegateTo), pick(keywords, "run_once", runOnce), baseDir, run.with(keywords));
    }

    Inherited inRole(Role newRole, Path newBaseDir) {
        return new Inherited(when, tags, become, becomeUser, environment, blockVars, ignoreErrors, noLog, newRole,
                checkMode, diff, delegateTo, runOnce, newBaseDir, run);
    }

    Inherited inFolder(Path newBaseDir) {
        return new Inherited(when, tags, become, becomeUser, environment, blockVars, ignoreErrors, noLog, role,
                checkMode, diff, delegateTo, runOnce, newBaseDir, run);
    }

    private static Object pick(Map<String, Object> keywords, String key, Object inherited) {
        return keywords.containsKey(key) ? keywords.get(key) : inherited;
    }
}
