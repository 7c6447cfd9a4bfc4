package dev.drover.agent.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt of a step as its type sees it: the rendered arguments, where it is (run, step,
 * item, attempt), a log that the run view shows, and a small durable memory that survives a
 * restart of the agent (a sub-workflow step keeps its child run's id there, so a resumed step
 * waits for the same child instead of starting a second).
 */
public final class StepCall {

    private final String runId;
    private final String stepId;
    private final int item;
    private final int attempt;
    private final Map<String, Object> args;
    private final Optional<Duration> timeout;
    private final StepMemory memory;
    private final String who;
    private final java.nio.file.Path workflowFile;
    private final StringBuilder log = new StringBuilder();

    StepCall(String runId, String stepId, int item, int attempt, Map<String, Object> args, Optional<Duration> timeout,
             StepMemory memory, String who, java.nio.file.Path workflowFile) {
        this.runId = runId;
        this.stepId = stepId;
        this.item = item;
        this.attempt = attempt;
        this.args = args;
        this.timeout = timeout;
        this.memory = memory;
        this.who = who;
        this.workflowFile = workflowFile;
    }

    /** The workflow's file: relative paths in arguments (a playbook) are relative to its folder. */
    public java.nio.file.Path workflowFile() {
        return workflowFile;
    }

    /** Who started the run (a token's name, "schedule", or the parent run for a sub-workflow). */
    public String who() {
        return who;
    }

    /**
     * Shows the step as waiting on something outside (a person, a child run), with what the
     * run view should show about it; stored at once.
     */
    public void waiting(Map<String, Object> detail) {
        memory.waiting(detail);
    }

    public String runId() {
        return runId;
    }

    public String stepId() {
        return stepId;
    }

    /** The for_each item's index, or -1 for a step without for_each. */
    public int item() {
        return item;
    }

    /** 1 for the first attempt, 2 for the first retry, ... */
    public int attempt() {
        return attempt;
    }

    public Map<String, Object> args() {
        return args;
    }

    public Optional<Duration> timeout() {
        return timeout;
    }

    public synchronized void log(String line) {
        log.append(line).append('\n');
    }

    synchronized String logText() {
        return log.toString();
    }

    public Optional<String> remembered(String key) {
        return memory.read(key);
    }

    /** Stores {@code value} durably before returning. */
    public void remember(String key, String value) {
        memory.write(key, value);
    }

    /** The durable memory of one step (and item) of one run. */
    interface StepMemory {
        Optional<String> read(String key);

        void write(String key, String value);

        void waiting(Map<String, Object> detail);

        /** A memory that lasts as long as the object: a step run outside any stored run (a dispatched step, tests). */
        static StepMemory inMemory(Map<String, String> values) {
            return new StepMemory() {
                @Override
                public Optional<String> read(String key) {
                    return Optional.ofNullable(values.get(key));
                }

                @Override
                public void write(String key, String value) {
                    values.put(key, value);
                }

                @Override
                public void waiting(Map<String, Object> detail) {
                    // nobody watches: the run view belongs to a stored run
                }
            };
        }
    }
}
