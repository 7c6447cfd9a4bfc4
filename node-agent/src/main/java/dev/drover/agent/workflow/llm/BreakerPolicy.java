package dev.drover.agent.workflow.llm;

import java.time.Duration;

/**
 * When a circuit opens and for how long: after {@code failureThreshold} consecutive failures the
 * endpoint is left alone for {@code coolDown}, then one trial call decides whether it closes again.
 */
public record BreakerPolicy(int failureThreshold, Duration coolDown) {

    /** Five failures in a row, thirty seconds off: long enough for a llama-server restart to show. */
    public static final BreakerPolicy DEFAULT = new BreakerPolicy(5, Duration.ofSeconds(30));

    public BreakerPolicy {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("a circuit breaker's failure threshold must be at least 1, not " + failureThreshold);
        }
        if (coolDown == null || coolDown.isNegative() || coolDown.isZero()) {
            throw new IllegalArgumentException("a circuit breaker's cool-down must be a positive duration, not " + coolDown);
        }
    }
}
