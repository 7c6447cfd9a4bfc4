package dev.drover.agent.workflow.llm;

import java.net.URI;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The agent's circuit breakers, one per external endpoint, shared by all runs and by the llm and
 * http steps. An endpoint is a server: scheme, host and port ({@code http://gpu1:8080}), so every
 * path on one llama-server shares its breaker, and two servers on one host do not.
 */
public final class CircuitBreakers {

    private final BreakerPolicy policy;
    private final Map<String, BreakerPolicy> overrides;
    private final InstantSource clock;
    private final ConcurrentMap<String, CircuitBreaker> byEndpoint = new ConcurrentHashMap<>();

    public CircuitBreakers(BreakerPolicy policy, InstantSource clock) {
        this(policy, Map.of(), clock);
    }

    /**
     * {@code overrides}: a policy of its own for some endpoints (keys as {@link #endpointOf} spells
     * them). Their breakers exist from the start, so the API lists them before their first call.
     */
    public CircuitBreakers(BreakerPolicy policy, Map<String, BreakerPolicy> overrides, InstantSource clock) {
        this.policy = policy;
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
        this.overrides.keySet().forEach(this::forEndpoint);
    }

    public CircuitBreakers() {
        this(BreakerPolicy.DEFAULT, InstantSource.system());
    }

    /** The breaker of the server {@code uri} points at, created closed on first use. */
    public CircuitBreaker forUri(URI uri) {
        return forEndpoint(endpointOf(uri));
    }

    public CircuitBreaker forEndpoint(String endpoint) {
        return byEndpoint.computeIfAbsent(endpoint, key -> new CircuitBreaker(key, overrides.getOrDefault(key, policy), clock));
    }

    /** The breaker of an endpoint as an operator writes it (any URL of the server, or its name as listed), if one exists. */
    public Optional<CircuitBreaker> find(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpointName(endpoint)));
    }

    /** {@code http://gpu1:8080/v1/chat} and {@code HTTP://GPU1:8080} both name {@code http://gpu1:8080}. */
    public static String endpointName(String text) {
        try {
            URI uri = URI.create(text.trim());
            return uri.getHost() == null ? text.trim() : endpointOf(uri);
        } catch (IllegalArgumentException e) {
            return text.trim();
        }
    }

    /**
     * Runs {@code call} through the breaker of {@code endpoint}'s server, for steps other than llm
     * (the http step): refused at once with {@link CircuitOpenException} while the breaker is open;
     * a call that throws is a failure, one that returns is a success unless {@code failed} says
     * otherwise of its result (an HTTP 5xx answer, say).
     */
    public <T> T call(URI endpoint, Callable<T> call, Predicate<? super T> failed) throws Exception {
        CircuitBreaker breaker = forUri(endpoint);
        CircuitBreaker.Admission admission = breaker.admit();
        if (!admission.allowed()) {
            throw new CircuitOpenException(breaker.endpoint(), admission.state(), admission.retryAt());
        }
        T result;
        try {
            result = call.call();
        } catch (Exception | Error e) {
            breaker.recordFailure(admission, describe(e));
            throw e;
        }
        if (failed.test(result)) {
            breaker.recordFailure(admission, "answered with a failure");
        } else {
            breaker.recordSuccess(admission);
        }
        return result;
    }

    /** As above, every returned result a success: the shape of the workflow engine's call guard. */
    public <T> T call(URI endpoint, Callable<T> call) throws Exception {
        return call(endpoint, call, result -> false);
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

    /** The first message along the cause chain (the JDK's ConnectException has none of its own), after the class's name. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        // The JDK's HttpClient says nothing more when the port is closed or the host cannot be reached.
        return e instanceof java.net.ConnectException ? "ConnectException: connection refused or unreachable"
                : e.getClass().getSimpleName();
    }

    /** scheme://host:port with the scheme's default port made explicit, so both spellings share a breaker. */
    public static String endpointOf(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port;
    }
}
