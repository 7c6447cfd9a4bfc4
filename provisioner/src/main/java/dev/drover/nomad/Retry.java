package dev.drover.nomad;

import java.time.Duration;

/**
 * How often and how patiently to retry a request that failed to connect or got a 5xx:
 * exponential backoff from {@code firstDelay}, doubling, capped at {@code maxDelay},
 * {@code attempts} tries in all. A 4xx is never retried: asking again gets the same answer.
 */
public record Retry(int attempts, Duration firstDelay, Duration maxDelay) {

    public static final Retry DEFAULT = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(4));

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** The pause before try number {@code attempt + 1} (attempt counts from 1). */
    Duration delayAfter(int attempt) {
        long millis = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
