package dev.drover.playbook;

import dev.drover.yaml.YamlMap;
import java.util.List;

/** {@code until:}, {@code retries:} and {@code delay:}: repeat a task until a condition holds. */
public record RetrySpec(List<String> until, Object retries, Object delay) {

    public static final RetrySpec NONE = new RetrySpec(List.of(), null, null);

    static RetrySpec of(YamlMap task) {
        if (!task.containsKey("until")) {
            return NONE;
        }
        return new RetrySpec(Conditions.of(task.get("until")), task.getOrDefault("retries", 3), task.getOrDefault("delay", 5));
    }

    public boolean enabled() {
        return !until.isEmpty();
    }
}
