package dev.drover.agent.web;

import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ApiToken;
import dev.drover.agent.config.Role;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gate every request passes, in order: the client's rate limit (429), a foreign Origin on
 * a live-update or mutating request (403), then the caller's token and role (401/403).
 * /healthz and the page's static files are always open to reads; the data is behind the API.
 */
final class AccessControl {

    static final String CALLER = "drover.caller";
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "DELETE", "PATCH");

    private final AgentConfig.Auth auth;
    private final TokenCheck tokens;
    private final ClientBuckets buckets;

    AccessControl(AgentConfig.Auth auth, ClientBuckets buckets) {
        this.auth = auth;
        this.tokens = new TokenCheck(auth.tokens());
        this.buckets = buckets;
    }

    static boolean isMutating(Context ctx) {
        return MUTATING.contains(ctx.method().name());
    }

    static String clientAddress(Context ctx) {
        // The socket's peer, never X-Forwarded-For: a header would let anyone pick their own bucket.
        return ctx.req().getRemoteAddr();
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    void check(Context ctx) {
        Optional<Duration> wait = buckets.take(clientAddress(ctx));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            throw new Refusal(429, "too many requests from " + clientAddress(ctx) + "; retry in " + seconds + " s",
                    Map.of("Retry-After", String.valueOf(seconds)));
        }
        if ((isLiveUpdate(ctx) || isMutating(ctx)) && isForeignOrigin(ctx)) {
            throw new Refusal(403, "origin " + ctx.header("Origin") + " may not use this agent's API");
        }
        Caller caller = identify(ctx);
        ctx.attribute(CALLER, caller);
        if (isMutating(ctx)) {
            require(caller, Role.OPERATOR);
        } else if (!auth.readOpen() && !alwaysOpen(ctx)) {
            require(caller, Role.VIEWER);
        }
    }

    /**
     * Reads that stay open when reads are closed: /healthz (Consul and load balancers probe it
     * without a token) and the page's own files, which hold no data, so that the page can load
     * and ask for the token that its API calls then carry.
     */
    private static boolean alwaysOpen(Context ctx) {
        String path = ctx.path();
        return path.equals("/healthz") || !(path.startsWith("/api/") || path.equals("/metrics"));
    }

    private Caller identify(Context ctx) {
        String header = ctx.header("Authorization");
        String secret = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            secret = header.substring(7).trim();
        } else if (!isMutating(ctx) && ctx.queryParam("access_token") != null) {
            // EventSource cannot send headers; a read-only request may carry the token in the URL.
            secret = ctx.queryParam("access_token");
        }
        if (secret == null || secret.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        Optional<ApiToken> token = tokens.find(secret);
        if (token.isEmpty()) {
            throw new Refusal(401, "unknown token", Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        return new Caller(token.get().name(), Optional.of(token.get().role()));
    }

    private static void require(Caller caller, Role needed) {
        if (caller.role().isEmpty()) {
            throw new Refusal(401, "a token is needed: send Authorization: Bearer TOKEN", Map.of("WWW-Authenticate", "Bearer"));
        }
        if (!caller.may(needed)) {
            throw new Refusal(403, "token '" + caller.name() + "' is " + caller.role().get().label()
                    + "; this needs " + needed.label() + " or higher");
        }
    }

    private static boolean isLiveUpdate(Context ctx) {
        String upgrade = ctx.header("Upgrade");
        String accept = ctx.header("Accept");
        return (upgrade != null && upgrade.equalsIgnoreCase("websocket"))
                || (accept != null && accept.contains("text/event-stream"))
                || ctx.path().equals("/api/v1/events");
    }

    /** An Origin header naming another site than the one the request was sent to (and not allowed by config). */
    private boolean isForeignOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.isBlank()) {
            return false; // not a browser page's request: curl, Consul, scripts
        }
        if (auth.allowedOrigins().contains(origin)) {
            return false;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || host == null) {
                return true;
            }
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return !authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
