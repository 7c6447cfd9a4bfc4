package dev.drover.playbook;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of a play's {@code vars_prompt}: a variable asked for on the terminal when the play
 * starts, unless {@code -e} gave it.
 *
 * @param isPrivate  typed without echo (Ansible's default)
 * @param defaultValue what an empty answer gives, and what a run without a terminal uses; null: none
 * @param confirm    asked twice, until both answers agree
 */
public record VarsPrompt(String name, String prompt, boolean isPrivate, Object defaultValue, boolean confirm,
                         SourceLocation location) {

    private static final Set<String> KEYS = Set.of("name", "prompt", "private", "default", "confirm");
    /** Keys Ansible knows that drover does not apply: refused rather than ignored. */
    private static final Set<String> NOT_APPLIED = Set.of("encrypt", "salt", "salt_size", "unsafe");

    /** The play's vars_prompt entries, checked. */
    static List<VarsPrompt> of(YamlMap play) {
        Object raw = play.get("vars_prompt");
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new UserError("vars_prompt must be a list of {name, prompt}", play.locationOf("vars_prompt"), null);
        }
        List<VarsPrompt> prompts = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof YamlMap entry) || entry.get("name") == null) {
                throw new UserError("each vars_prompt entry needs a name", play.locationOf("vars_prompt"),
                        "- name: release\n  prompt: Which release?");
            }
            for (String key : entry.keySet()) {
                if (NOT_APPLIED.contains(key)) {
                    throw new UserError("'" + key + "' in vars_prompt is not supported by drover yet", entry.locationOf(key),
                            "ask for the plain value and hash it in a task (password_hash)");
                }
                if (!KEYS.contains(key)) {
                    throw new UserError("'" + key + "' is not a key of a vars_prompt entry", entry.locationOf(key),
                            "an entry takes name, prompt, private, default and confirm");
                }
            }
            String name = String.valueOf(entry.get("name"));
            prompts.add(new VarsPrompt(name, entry.get("prompt") == null ? name : String.valueOf(entry.get("prompt")),
                    !isFalse(entry.get("private")), entry.get("default"), isTrue(entry.get("confirm")), entry.location()));
        }
        return List.copyOf(prompts);
    }

    private static boolean isFalse(Object value) {
        return value != null && Set.of("false", "no", "off", "0").contains(String.valueOf(value).toLowerCase());
    }

    private static boolean isTrue(Object value) {
        return value != null && Set.of("true", "yes", "on", "1").contains(String.valueOf(value).toLowerCase());
    }
}
