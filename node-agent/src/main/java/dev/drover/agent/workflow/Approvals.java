package dev.drover.agent.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The approval steps waiting now, and the decisions people send them through the API. */
public final class Approvals {

    /** A person's answer; {@code who} is the token's name. */
    public record Decision(boolean approved, String who, String comment) {
    }

    private final Map<String, CompletableFuture<Decision>> waiting = new ConcurrentHashMap<>();

    private static String key(String runId, String stepId, int item) {
        return runId + "/" + stepId + "/" + item;
    }

    /** The decision, or null when {@code expiresAt} passes first. */
    Decision await(String runId, String stepId, int item, Instant expiresAt) throws InterruptedException {
        String key = key(runId, stepId, item);
        CompletableFuture<Decision> decision = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        try {
            long millis = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            return decision.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(key, decision);
        }
    }

    /**
     * Hands {@code decision} to the step, which the caller has seen waiting (a step shows as
     * waiting a moment before it starts listening; the decision is then kept for it). False
     * when a decision was already made.
     */
    boolean decide(String runId, String stepId, int item, Decision decision) {
        return waiting.computeIfAbsent(key(runId, stepId, item), k -> new CompletableFuture<>()).complete(decision);
    }
}
