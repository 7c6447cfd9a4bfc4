package dev.drover.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.config.DurationText;
import dev.drover.agent.workflow.llm.CircuitBreaker;
import dev.drover.agent.workflow.llm.CircuitBreakers;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * /api/v1/workflows/breakers: the circuit breakers of the http and llm steps' endpoints, and an
 * operator's reset of one (docs/api.md). A breaker exists once its endpoint was first called, or
 * from the start when agent.yml gives it settings of its own.
 */
final class BreakerRoutes {

    private final CircuitBreakers breakers;
    private final ObjectMapper json;

    BreakerRoutes(CircuitBreakers breakers, ObjectMapper json) {
        this.breakers = breakers;
        this.json = json;
    }

    record BreakerView(String endpoint, String state, int consecutiveFailures, int failureThreshold, String coolDown,
                       Instant openedAt, Instant nextTrialAt, String lastError, Instant lastErrorAt) {
    }

    static BreakerView view(CircuitBreaker.Snapshot s) {
        return new BreakerView(s.endpoint(), label(s.state()), s.consecutiveFailures(), s.failureThreshold(),
                DurationText.format(s.coolDown()), s.openedAt(), s.nextTrialAt(), s.lastError(), s.lastErrorAt());
    }

    /** closed, open, half-open: as the docs and the page say it. */
    static String label(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    void list(Context ctx) {
        ctx.json(breakers.snapshot().stream().map(BreakerRoutes::view).toList());
    }

    void reset(Context ctx) {
        String endpoint = endpointOf(ctx);
        CircuitBreaker breaker = breakers.find(endpoint).orElseThrow(() -> new Refusal(404,
                "no circuit breaker for '" + endpoint + "'; there are: " + known()));
        CircuitBreaker.State was = breaker.reset(AccessControl.caller(ctx).name());
        ctx.attribute(PowerRoutes.RESULT, "reset circuit breaker " + breaker.endpoint() + " (was " + label(was) + ")");
        ctx.json(view(breaker.snapshot()));
    }

    private String known() {
        String names = breakers.snapshot().stream().map(CircuitBreaker.Snapshot::endpoint).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none yet (a breaker appears on its endpoint's first call)" : names;
    }

    private String endpointOf(Context ctx) {
        JsonNode body;
        try {
            body = ctx.body().isBlank() ? json.createObjectNode() : json.readTree(ctx.body());
        } catch (IOException e) {
            throw new Refusal(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode endpoint = body == null ? null : body.get("endpoint");
        if (endpoint == null || !endpoint.isTextual() || endpoint.asText().isBlank()) {
            throw new Refusal(400, "send {\"endpoint\": \"http://host:port\"}: the breaker to reset, as GET /api/v1/workflows/breakers lists it");
        }
        return endpoint.asText();
    }
}
