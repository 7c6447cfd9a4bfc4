package dev.drover.playbook;

import java.util.Map;

/**
 * The keywords that shape how and where a task runs rather than what it does: they are
 * inherited from the play and enclosing blocks like the others, and kept raw because
 * Ansible templates them at run time.
 *
 * @param throttle       at most this many hosts run the task at once ({@code throttle:})
 * @param timeout        seconds before the task is stopped and fails ({@code timeout:})
 * @param anyErrorsFatal a failure on one host ends the play for all ({@code any_errors_fatal:})
 * @param delegateFacts  facts gathered by a delegated task go to the delegate ({@code delegate_facts:})
 * @param connection     the connection type for this task ({@code connection:}, e.g. local)
 */
public record RunKeywords(Object throttle, Object timeout, Object anyErrorsFatal, Object delegateFacts,
                          Object connection) {

    public static final RunKeywords NONE = new RunKeywords(null, null, null, null, null);

    /** These keywords with those written on {@code keywords} (a play, block or task) taking over. */
    RunKeywords with(Map<String, Object> keywords) {
        return new RunKeywords(pick(keywords, "throttle", throttle), pick(keywords, "timeout", timeout),
                pick(keywords, "any_errors_fatal", anyErrorsFatal), pick(keywords, "delegate_facts", delegateFacts),
                pick(keywords, "connection", connection));
    }

    private static Object pick(Map<String, Object> keywords, String key, Object inherited) {
        return keywords.containsKey(key) ? keywords.get(key) : inherited;
    }
}
