package dev.drover.agent.workflow.llm;

import java.time.Instant;

/** A call not made because its endpoint's circuit breaker is open (or half-open with its one trial under way). */
public final class CircuitOpenException extends RuntimeException {

    private final String endpoint;
    private final Instant retryAt;

    CircuitOpenException(String endpoint, CircuitBreaker.State state, Instant retryAt) {
        super("circuit breaker of " + endpoint + " is " + state.name().toLowerCase().replace('_', '-')
                + ": not called before " + retryAt);
        this.endpoint = endpoint;
        this.retryAt = retryAt;
    }

    public String endpoint() {
        return endpoint;
    }

    public Instant retryAt() {
        return retryAt;
    }
}
