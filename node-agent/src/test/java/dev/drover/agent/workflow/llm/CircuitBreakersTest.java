package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry shared by all runs: one breaker per server, safe under many threads at once. */
class CircuitBreakersTest {

    @Test
    void oneBreakerPerServerWhateverThePathOrSpelling() {
        CircuitBreakers breakers = new CircuitBreakers();
        CircuitBreaker a = breakers.forUri(URI.create("http://GPU1:8080/v1/chat/completions"));

        assertThat(breakers.forUri(URI.create("http://gpu1:8080"))).isSameAs(a);
        assertThat(breakers.forUri(URI.create("http://gpu1:8081"))).isNotSameAs(a);
        assertThat(breakers.forUri(URI.create("https://gpu1/x"))).isSameAs(breakers.forEndpoint("https://gpu1:443"));
        assertThat(breakers.forUri(URI.create("http://gpu1/"))).isSameAs(breakers.forEndpoint("http://gpu1:80"));
        assertThat(breakers.snapshot()).extracting(CircuitBreaker.Snapshot::endpoint)
                .containsExactly("http://gpu1:80", "http://gpu1:8080", "http://gpu1:8081", "https://gpu1:443");
    }

    @Test
    void manyThreadsGetTheSameBreakerAndNoFailureIsLost() throws Exception {
        int threads = 16;
        int callsEach = 2_000;
        CircuitBreakers breakers = new CircuitBreakers(new BreakerPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30)), new ManualClock());
        Set<CircuitBreaker> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < callsEach; i++) {
                    CircuitBreaker breaker = breakers.forUri(URI.create("http://gpu1:8080/v1"));
                    seen.add(breaker);
                    breaker.recordFailure(breaker.admit());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(seen).hasSize(1);
        assertThat(breakers.forEndpoint("http://gpu1:8080").snapshot().consecutiveFailures()).isEqualTo(threads * callsEach);
    }

    @Test
    void underAStormOfCallersAnOpenBreakerLetsExactlyOneTrialThrough() throws Exception {
        ManualClock clock = new ManualClock();
        CircuitBreakers breakers = new CircuitBreakers(new BreakerPolicy(1, Duration.ofSeconds(10)), clock);
        CircuitBreaker breaker = breakers.forEndpoint("http://gpu2:8080");
        breaker.recordFailure(breaker.admit());
        clock.advance(Duration.ofSeconds(10));

        int threads = 32;
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 100; i++) {
                    if (breakers.forEndpoint("http://gpu2:8080").admit().allowed()) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(allowed.get()).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void callGuardsAnyStepsCallsWithTheSameBreakers() throws Exception {
        ManualClock clock = new ManualClock();
        CircuitBreakers breakers = new CircuitBreakers(new BreakerPolicy(2, Duration.ofSeconds(30)), clock);
        URI api = URI.create("http://nomad1:4646/v1/jobs");
        AtomicInteger calls = new AtomicInteger();

        assertThat(breakers.call(api, () -> calls.incrementAndGet() + 200, status -> status >= 500)).isEqualTo(201);
        assertThat(breakers.call(api, () -> 500 + calls.incrementAndGet() * 0, status -> status >= 500)).isEqualTo(500);
        assertThatThrownBy(() -> breakers.call(api, () -> {
            calls.incrementAndGet();
            throw new java.io.IOException("connection reset");
        })).hasMessage("connection reset");
        assertThat(breakers.forEndpoint("http://nomad1:4646").state()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> breakers.call(api, calls::incrementAndGet))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessage("circuit breaker of http://nomad1:4646 is open: not called before 2026-11-21T12:00:30Z");
        assertThat(calls.get()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(30));
        assertThat(breakers.call(api, () -> "ok")).isEqualTo("ok");
        assertThat(breakers.forEndpoint("http://nomad1:4646").state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
