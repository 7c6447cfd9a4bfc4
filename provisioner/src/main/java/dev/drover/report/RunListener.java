package dev.drover.report;

import java.util.List;

/**
 * What the executor tells the world while it runs. Implementations must be thread-safe:
 * hosts report from their own threads.
 */
public interface RunListener {

    void playStarted(String name);

    /** @param banner "TASK", or "RUNNING HANDLER" */
    void taskStarted(String banner, String name, String location);

    /** A result for one host, or one loop item on one host. */
    void hostResult(HostOutcome outcome);

    /**
     * An include_tasks that included {@code file} on {@code hosts} (for the loop item
     * {@code item}, or null), before the file's tasks run; its hosts' own results are not
     * shown, as Ansible shows "included: FILE for HOSTS" instead.
     */
    default void included(String file, java.util.List<String> hosts, String item) {
    }

    /** A look at an async job a task waits for: "POLL" while it runs, then "OK" or "FAILED". */
    default void asyncPolled(String host, String jid, String state) {
    }

    /** After every item of a loop on a host: the aggregate, as the register variable holds it. */
    void loopFinished(HostOutcome outcome);

    void noHostsMatched(String pattern);

    void warning(String message);

    void recap(List<HostStats> stats);

    /** A combination of listeners, each told everything in turn. */
    static RunListener all(List<RunListener> listeners) {
        return new FanOut(listeners);
    }
}
