package dev.drover.agent.workflow.llm;

import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker for one external endpoint, shared by every run and step that calls it.
 *
 * <p>Closed: calls pass; {@code failureThreshold} consecutive failures open it. Open: calls are
 * refused until the cool-down has passed since it opened. Half-open: exactly one trial call is let
 * through; its success closes the breaker, its failure opens it for another cool-down. A trial whose
 * caller never reports back (a crashed step) would hold the breaker half-open for ever, so a trial's
 * lease ends after one cool-down and another trial may start.
 *
 * <p>Results are reported against the {@link Admission} that let the call through: a result from an
 * admission of an earlier state (a slow call that started before the breaker opened) does not move
 * the breaker, so one late success cannot close a breaker that a trial is still testing.
 *
 * <p>All methods are synchronized: the state is three fields and contention is one lock per endpoint.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Whether a call may go ahead, and the breaker's epoch when it was let through. */
    public record Admission(boolean allowed, State state, long epoch, Instant retryAt) {
    }

    /** What the breaker looks like now, for the API and logs. */
    public record Snapshot(String endpoint, State state, int consecutiveFailures, Instant openedAt, Instant retryAt) {
    }

    private final String endpoint;
    private final BreakerPolicy policy;
    private final InstantSource clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private Instant trialStartedAt;
    private boolean trialInFlight;
    // Bumped on every state change; admissions carry it so stale results are recognised.
    private long epoch;

    public CircuitBreaker(String endpoint, BreakerPolicy policy, InstantSource clock) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.clock = clock;
    }

    public synchronized Admission admit() {
        Instant now = clock.instant();
        switch (state) {
            case CLOSED:
                return new Admission(true, State.CLOSED, epoch, null);
            case OPEN:
                Instant reopen = openedAt.plus(policy.coolDown());
                if (now.isBefore(reopen)) {
                    return new Admission(false, State.OPEN, epoch, reopen);
                }
                moveTo(State.HALF_OPEN, "cool-down of " + policy.coolDown() + " over, letting one trial call through");
                return startTrial(now);
            default: // HALF_OPEN
                if (trialInFlight && now.isBefore(trialStartedAt.plus(policy.coolDown()))) {
                    return new Admission(false, State.HALF_OPEN, epoch, trialStartedAt.plus(policy.coolDown()));
                }
                // The previous trial's lease ran out: only the new trial's result will count.
                epoch++;
                return startTrial(now);
        }
    }

    private Admission startTrial(Instant now) {
        trialInFlight = true;
        trialStartedAt = now;
        return new Admission(true, State.HALF_OPEN, epoch, null);
    }

    public synchronized void recordSuccess(Admission admission) {
        if (!counts(admission)) {
            return;
        }
        consecutiveFailures = 0;
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
            moveTo(State.CLOSED, "trial call succeeded");
        }
    }

    public synchronized void recordFailure(Admission admission) {
        if (!counts(admission)) {
            return;
        }
        consecutiveFailures++;
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
            open("trial call failed");
        } else if (consecutiveFailures >= policy.failureThreshold()) {
            open(consecutiveFailures + " consecutive failures");
        }
    }

    private boolean counts(Admission admission) {
        return admission.allowed() && admission.epoch() == epoch && state != State.OPEN;
    }

    private void open(String why) {
        openedAt = clock.instant();
        moveTo(State.OPEN, why + "; refusing calls for " + policy.coolDown());
    }

    private void moveTo(State next, String why) {
        LOG.info("circuit breaker {}: {} -> {} ({})", endpoint, state, next, why);
        state = next;
        epoch++;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Snapshot snapshot() {
        Instant retryAt = state == State.OPEN ? openedAt.plus(policy.coolDown()) : null;
        return new Snapshot(endpoint, state, consecutiveFailures, state == State.CLOSED ? null : openedAt, retryAt);
    }

    public String endpoint() {
        return endpoint;
    }

    public BreakerPolicy policy() {
        return policy;
    }
}
