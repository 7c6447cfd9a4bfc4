package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ApiToken;
import dev.drover.agent.config.Role;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket and the token lookup, on a clock the test moves. */
class AgentRateLimitTest {

    @Test
    void aBurstThenTheRefillRateAndEachClientHasItsOwnBucket() {
        AtomicLong now = new AtomicLong();
        ClientBuckets buckets = new ClientBuckets(new AgentConfig.RateLimit(2, 3), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1")).isEmpty();
        }
        assertThat(buckets.take("10.0.0.1")).hasValue(Duration.ofMillis(500));
        assertThat(buckets.take("10.0.0.2")).as("another client").isEmpty();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(buckets.take("10.0.0.1")).isEmpty();
        assertThat(buckets.take("10.0.0.1")).isPresent();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1")).as("refilled up to the burst, no more").isEmpty();
        }
        assertThat(buckets.take("10.0.0.1")).isPresent();
    }

    @Test
    void aRateOfZeroTurnsTheLimitOff() {
        ClientBuckets buckets = new ClientBuckets(new AgentConfig.RateLimit(0, 1), () -> 0);
        for (int i = 0; i < 100; i++) {
            assertThat(buckets.take("10.0.0.1")).isEmpty();
        }
    }

    @Test
    void aTokenIsFoundByItsHashOnly() {
        TokenCheck tokens = new TokenCheck(List.of(
                new ApiToken("ci", TokenCheck.sha256("one"), Role.OPERATOR),
                new ApiToken("dash", TokenCheck.sha256("two"), Role.VIEWER)));
        assertThat(tokens.find("two")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("dash"));
        assertThat(tokens.find("one")).hasValueSatisfying(t -> assertThat(t.role()).isEqualTo(Role.OPERATOR));
        assertThat(tokens.find("three")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
    }
}
