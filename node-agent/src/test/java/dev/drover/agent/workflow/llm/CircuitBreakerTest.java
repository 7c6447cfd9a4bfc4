package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.agent.workflow.llm.CircuitBreaker.Admission;
import dev.drover.agent.workflow.llm.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The breaker's states and transitions, with a clock moved by hand. */
class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = new CircuitBreaker("http://gpu1:8080", new BreakerPolicy(3, Duration.ofSeconds(30)), clock);

    private void fail() {
        breaker.recordFailure(breaker.admit());
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresNotBefore() {
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isEqualTo(2);
        fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        Admission refused = breaker.admit();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAt()).isEqualTo(Instant.parse("2026-11-21T12:00:30Z"));
    }

    @Test
    void aSuccessResetsTheCountOfConsecutiveFailures() {
        fail();
        fail();
        breaker.recordSuccess(breaker.admit());
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void staysOpenUntilTheCoolDownHasPassedThenLetsExactlyOneTrialThrough() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.admit().allowed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        Admission trial = breaker.admit();
        assertThat(trial.allowed()).isTrue();
        assertThat(trial.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.admit().allowed()).as("a second caller while the trial runs").isFalse();

        breaker.recordSuccess(trial);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.snapshot().consecutiveFailures()).isZero();
        assertThat(breaker.admit().allowed()).isTrue();
    }

    @Test
    void aFailedTrialOpensItForAnotherFullCoolDown() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(30));
        Admission trial = breaker.admit();
        clock.advance(Duration.ofSeconds(5));
        breaker.recordFailure(trial);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.snapshot().nextTrialAt()).isEqualTo(Instant.parse("2026-11-21T12:01:05Z"));
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.admit().allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.admit().allowed()).isTrue();
    }

    @Test
    void aLateResultOfACallStartedBeforeTheBreakerOpenedDoesNotMoveIt() {
        Admission slow = breaker.admit();
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(30));
        Admission trial = breaker.admit();

        breaker.recordSuccess(slow);
        assertThat(breaker.state()).as("the trial decides, not the old call").isEqualTo(State.HALF_OPEN);
        breaker.recordFailure(trial);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aTrialWhoseCallerNeverReportsGivesWayToANewTrialAfterACoolDown() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(30));
        Admission lost = breaker.admit();
        assertThat(lost.allowed()).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(breaker.admit().allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        Admission second = breaker.admit();
        assertThat(second.allowed()).isTrue();

        breaker.recordFailure(lost);
        assertThat(breaker.state()).as("the lost trial's late word no longer counts").isEqualTo(State.HALF_OPEN);
        breaker.recordSuccess(second);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void refusedAdmissionsReportNothing() {
        fail();
        fail();
        fail();
        Admission refused = breaker.admit();
        breaker.recordSuccess(refused);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aResetClosesAnOpenBreakerAndLateResultsOfEarlierCallsDoNotCount() {
        Admission slow = breaker.admit();
        fail();
        fail();
        breaker.recordFailure(breaker.admit(), "HTTP 503 from llama-server");
        assertThat(breaker.state()).isEqualTo(State.OPEN);

        assertThat(breaker.reset("ops")).isEqualTo(State.OPEN);
        CircuitBreaker.Snapshot closed = breaker.snapshot();
        assertThat(closed.state()).isEqualTo(State.CLOSED);
        assertThat(closed.consecutiveFailures()).isZero();
        assertThat(closed.openedAt()).isNull();
        assertThat(closed.nextTrialAt()).isNull();
        assertThat(closed.lastError()).as("kept as history").isEqualTo("HTTP 503 from llama-server");
        assertThat(closed.lastErrorAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));

        // A call let through before the reset fails now: it does not count against the closed breaker.
        breaker.recordFailure(slow, "timed out");
        assertThat(breaker.snapshot().consecutiveFailures()).isZero();
        assertThat(breaker.admit().allowed()).isTrue();
    }

    @Test
    void theNextTrialIsAtTheEndOfTheCoolDownOrOfTheUnansweredTrialsLease() {
        fail();
        fail();
        fail();
        assertThat(breaker.snapshot().nextTrialAt()).isEqualTo(Instant.parse("2026-11-21T12:00:30Z"));
        assertThat(breaker.snapshot().failureThreshold()).isEqualTo(3);
        assertThat(breaker.snapshot().coolDown()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(40));
        assertThat(breaker.admit().allowed()).isTrue();
        assertThat(breaker.snapshot().state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.snapshot().nextTrialAt()).isEqualTo(Instant.parse("2026-11-21T12:01:10Z"));
    }

    @Test
    void aPolicyNeedsAThresholdAndACoolDown() {
        assertThatThrownBy(() -> new BreakerPolicy(0, Duration.ofSeconds(1)))
                .hasMessageContaining("failure threshold must be at least 1");
        assertThatThrownBy(() -> new BreakerPolicy(1, Duration.ZERO))
                .hasMessageContaining("cool-down must be a positive duration");
    }
}
