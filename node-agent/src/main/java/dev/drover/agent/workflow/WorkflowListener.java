package dev.drover.agent.workflow;

import java.time.Duration;

/**
 * Told when runs and steps begin and end (the agent's /metrics listens). Called on the
 * engine's threads, with the run's lock held: a listener only records, never waits.
 */
public interface WorkflowListener {

    /** A run began to execute: started, resumed after a restart, or retried. */
    default void runGoing(String workflow) {
    }

    /** A run ended: succeeded, failed or cancelled, {@code took} since it was created. */
    default void runEnded(String workflow, RunStatus status, Duration took) {
    }

    /** A step (or one for_each item) ended for good, after its retries: done or failed. */
    default void stepEnded(String workflow, String type, StepStatus status, Duration took) {
    }
}
