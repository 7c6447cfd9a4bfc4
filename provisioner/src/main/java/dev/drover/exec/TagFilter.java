package dev.drover.exec;

import java.util.Set;

/**
 * --tags and --skip-tags, with Ansible's special tags: {@code always} runs unless skipped by
 * name, {@code never} runs only when asked for by name, {@code tagged}/{@code untagged}/{@code all}.
 */
public record TagFilter(Set<String> only, Set<String> skip) {

    public boolean runs(Set<String> taskTags) {
        if (!skip.isEmpty()) {
            if (skip.contains("all")) {
                return false;
            }
            if (taskTags.stream().anyMatch(skip::contains)) {
                return false;
            }
            if (skip.contains("tagged") && !taskTags.isEmpty()) {
                return false;
            }
            if (skip.contains("untagged") && taskTags.isEmpty()) {
                return false;
            }
        }
        if (taskTags.contains("never")) {
            // 'never' tasks run only when one of their tags is asked for by name.
            return taskTags.stream().anyMatch(only::contains);
        }
        if (taskTags.contains("always") || only.isEmpty() || only.contains("all")) {
            return true;
        }
        if (only.contains("tagged") && !taskTags.isEmpty()) {
            return true;
        }
        if (only.contains("untagged") && taskTags.isEmpty()) {
            return true;
        }
        return taskTags.stream().anyMatch(only::contains);
    }
}
