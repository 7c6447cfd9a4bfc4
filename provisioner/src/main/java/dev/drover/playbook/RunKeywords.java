package dev.drover.playbook;

import dev.drover.yaml.Frozen;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keywords that shape how and where a task runs rather than what it does: they are
 * inherited from the play and enclosing blocks like the others, and kept raw because
 * Ansible templates them at run time.
 *
 * @param throttle          at most this many hosts run the task at once ({@code throttle:})
 * @param timeout           seconds before the task is stopped and fails ({@code timeout:})
 * @param anyErrorsFatal    a failure on one host ends the play for all ({@code any_errors_fatal:})
 * @param delegateFacts     facts gathered by a delegated task go to the delegate ({@code delegate_facts:})
 * @param connection        the connection type for this task ({@code connection:}, e.g. local)
 * @param ignoreUnreachable an unreachable host is counted ignored and goes on ({@code ignore_unreachable:})
 * @param becomeFlags       sudo's options instead of its default -H ({@code become_flags:})
 * @param login             {@code remote_user} and {@code port} as the variables they stand for
 *                          ({@code ansible_user}, {@code ansible_port}); the innermost wins
 * @param moduleDefaults    {@code module_defaults} of the play, blocks and task, outermost first
 * @param async             seconds the task may run as a job of its own ({@code async:}, tasks only)
 * @param poll              seconds between looks at that job; 0 leaves it running ({@code poll:})
 */
public record RunKeywords(Object throttle, Object timeout, Object anyErrorsFatal, Object delegateFacts,
                          Object connection, Object ignoreUnreachable, Object becomeFlags,
                          Map<String, Object> login, List<Object> moduleDefaults, Object async, Object poll) {

    public static final RunKeywords NONE = new RunKeywords(null, null, null, null, null, null, null, Map.of(), List.of(),
            null, null);

    public RunKeywords {
        login = Frozen.copy(login);
        moduleDefaults = List.copyOf(moduleDefaults);
    }

    /** These keywords with those written on {@code keywords} (a play, block or task) taking over. */
    RunKeywords with(Map<String, Object> keywords) {
        Map<String, Object> newLogin = new LinkedHashMap<>(login);
        if (keywords.get("remote_user") != null) {
            newLogin.put("ansible_user", keywords.get("remote_user"));
        }
        if (keywords.get("port") != null) {
            newLogin.put("ansible_port", keywords.get("port"));
        }
        List<Object> defaults = moduleDefaults;
        if (keywords.get("module_defaults") != null) {
            // Ansible extends the list, the outer levels first; a module's entry further in replaces theirs.
            defaults = new ArrayList<>(moduleDefaults);
            defaults.add(byModuleName(keywords.get("module_defaults")));
        }
        return new RunKeywords(pick(keywords, "throttle", throttle), pick(keywords, "timeout", timeout),
                pick(keywords, "any_errors_fatal", anyErrorsFatal), pick(keywords, "delegate_facts", delegateFacts),
                pick(keywords, "connection", connection), pick(keywords, "ignore_unreachable", ignoreUnreachable),
                pick(keywords, "become_flags", becomeFlags), newLogin, defaults, pick(keywords, "async", async),
                pick(keywords, "poll", poll));
    }

    /**
     * A level's module_defaults as one mapping keyed by the names tasks carry ({@code file} for
     * {@code ansible.builtin.file}), as Ansible resolves them on load. A list of mappings (also
     * Ansible's) is merged in order. The shape was checked on load ({@link TaskKeywords}).
     */
    private static Map<String, Object> byModuleName(Object written) {
        Map<String, Object> byModule = new LinkedHashMap<>();
        for (Object mapping : written instanceof List<?> list ? list : List.of(written)) {
            if (mapping instanceof Map<?, ?> map) {
                map.forEach((module, args) -> byModule.put(TaskListLoader.normalize(String.valueOf(module)), args));
            }
        }
        return byModule;
    }

    private static Object pick(Map<String, Object> keywords, String key, Object inherited) {
        return keywords.containsKey(key) ? keywords.get(key) : inherited;
    }
}
