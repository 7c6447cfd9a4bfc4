package dev.drover.agent.web;

import dev.drover.agent.config.AgentConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code burst} requests at once, refilled at
 * {@code requestsPerSecond}. A refused request learns how long until it would be allowed.
 */
public final class ClientBuckets {

    private static final int MAX_CLIENTS = 10_000;

    private final AgentConfig.RateLimit limit;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientBuckets(AgentConfig.RateLimit limit) {
        this(limit, System::nanoTime);
    }

    ClientBuckets(AgentConfig.RateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /** Empty when the request may go ahead; otherwise the wait before the next one would. */
    public Optional<Duration> take(String client) {
        if (!limit.enabled()) {
            return Optional.empty();
        }
        if (buckets.size() > MAX_CLIENTS) {
            // Many addresses (a scan): forget full buckets rather than grow without bound.
            long now = nanoClock.getAsLong();
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(limit.burst(), nanoClock.getAsLong())).take(nanoClock.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            double seconds = (1 - tokens) / limit.requestsPerSecond();
            return Optional.of(Duration.ofNanos((long) (seconds * 1e9)));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit.burst();
        }

        private void refill(long now) {
            tokens = Math.min(limit.burst(), tokens + (now - updated) / 1e9 * limit.requestsPerSecond());
            updated = now;
        }
    }
}
