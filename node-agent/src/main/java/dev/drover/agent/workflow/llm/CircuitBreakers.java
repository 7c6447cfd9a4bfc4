package dev.drover.agent.workflow.llm;

import java.net.URI;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's circuit breakers, one per external endpoint, shared by all runs and by the llm and
 * http steps. An endpoint is a server: scheme, host and port ({@code http://gpu1:8080}), so every
 * path on one llama-server shares its breaker, and two servers on one host do not.
 */
public final class CircuitBreakers {

    private final BreakerPolicy policy;
    private final InstantSource clock;
    private final ConcurrentMap<String, CircuitBreaker> byEndpoint = new ConcurrentHashMap<>();

    public CircuitBreakers(BreakerPolicy policy, InstantSource clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public CircuitBreakers() {
        this(BreakerPolicy.DEFAULT, InstantSource.system());
    }

    /** The breaker of the server {@code uri} points at, created closed on first use. */
    public CircuitBreaker forUri(URI uri) {
        return forEndpoint(endpointOf(uri));
    }

    public CircuitBreaker forEndpoint(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, key -> new CircuitBreaker(key, policy, clock));
    }

    /** Every breaker created so far, by endpoint name. */
    public List<CircuitBreaker.Snapshot> snapshot() {
        return byEndpoint.values().stream()
                .map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(CircuitBreaker.Snapshot::endpoint))
                .toList();
    }

    public BreakerPolicy policy() {
        return policy;
    }

    /** scheme://host:port with the scheme's default port made explicit, so both spellings share a breaker. */
    static String endpointOf(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
