package dev.drover.agent.workflow.llm;

import java.time.Duration;
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

    /**
     * What the breaker looks like now, for the API and the page: {@code nextTrialAt} is when an open
     * breaker lets its trial call through (or when a half-open one's unanswered trial lease ends);
     * the last error is kept after the breaker closes again, so an operator can see what happened.
     */
    public record Snapshot(String endpoint, State state, int consecutiveFailures, int failureThreshold, Duration coolDown,
                           Instant openedAt, Instant nextTrialAt, String lastError, Instant lastErrorAt) {
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
    private String lastError;
    private Instant lastErrorAt;

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
        recordFailure(admission, null);
    }

    /** A failed call, with what went wrong (kept as the breaker's last error, even when the result is stale). */
    public synchronized void recordFailure(Admission admission, String error) {
        if (error != null && admission.allowed()) {
            lastError = error;
            lastErrorAt = clock.instant();
        }
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
        Instant nextTrialAt = switch (state) {
            case OPEN -> openedAt.plus(policy.coolDown());
            case HALF_OPEN -> trialInFlight ? trialStartedAt.plus(policy.coolDown()) : null;
            case CLOSED -> null;
        };
        return new Snapshot(endpoint, state, consecutiveFailures, policy.failureThreshold(), policy.coolDown(),
                state == State.CLOSED ? null : openedAt, nextTrialAt, lastError, lastErrorAt);
    }

    /**
     * An operator's reset: closed, no failures counted. Results of calls let through before the reset
     * do not count (the epoch moves on), so a slow failure cannot re-open what was just closed.
     * The last error stays, as history. Returns the state it had.
     */
    public synchronized State reset(String who) {
        State was = state;
        consecutiveFailures = 0;
        trialInFlight = false;
        if (was == State.CLOSED) {
            epoch++;
            LOG.info("circuit breaker {}: failure count reset by {}", endpoint, who);
        } else {
            moveTo(State.CLOSED, "reset by " + who);
        }
        return was;
    }

    public String endpoint() {
        return endpoint;
    }

    public BreakerPolicy policy() {
        return policy;
    }
}
