package dev.drover.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.power.IdleDecision;
import dev.drover.agent.power.NodeStatus;
import dev.drover.agent.power.PowerEvent;
import dev.drover.agent.power.PowerManager;
import dev.drover.agent.power.PowerRefusal;
import dev.drover.agent.power.ServiceStatus;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** /api/v1/power: the nodes' states, wake, sleep, and the event history (docs/api.md). */
final class PowerRoutes {

    static final String RESULT = "drover.result";

    private final Optional<PowerManager> power;
    private final Optional<dev.drover.agent.power.PowerEventLog> log;
    private final ObjectMapper json;

    PowerRoutes(Optional<PowerManager> power, Optional<dev.drover.agent.power.PowerEventLog> log, ObjectMapper json) {
        this.power = power;
        this.log = log;
        this.json = json;
    }

    record NodeView(String name, String state, Instant since, long stateSeconds, boolean controller, boolean self,
                    Instant wakeSentAt, EventView lastEvent) {
    }

    record EventView(Instant time, String node, String action, String cause, String who, String reason,
                     Long wakeMs, String result) {
        static EventView of(PowerEvent e) {
            return new EventView(e.time(), e.node(), e.action(), e.cause(), e.who(), e.reason(),
                    e.wakeDuration().map(Duration::toMillis).orElse(null), e.result());
        }
    }

    record IdleView(boolean enabled, boolean dryRun, String decision, String reason) {
    }

    record ServiceView(String job, int port, String state, Instant since, long stateSeconds, long idleSeconds,
                       boolean dryRun, boolean portHeld, EventView lastEvent) {
        static ServiceView of(ServiceStatus s, Instant now) {
            return new ServiceView(s.job(), s.port(), s.state(), s.since(), Duration.between(s.since(), now).toSeconds(),
                    Duration.between(s.lastActivity(), now).toSeconds(), s.dryRun(), s.portHeld(), s.lastEvent().map(EventView::of).orElse(null));
        }
    }

    record PowerView(boolean configured, String self, String sleepMode, List<NodeView> nodes, IdleView idle,
                     boolean sleepOnLan, List<ServiceView> services) {
    }

    PowerView view() {
        if (power.isEmpty()) {
            return new PowerView(false, null, null, List.of(), null, false, List.of());
        }
        PowerManager manager = power.get();
        Instant now = Instant.now();
        String self = manager.config().self();
        List<NodeView> nodes = manager.nodes().stream().map(n -> node(n, self, now)).toList();
        Optional<IdleDecision> decision = manager.lastIdleDecision();
        IdleView idle = new IdleView(manager.config().idle().enabled(), manager.config().idle().dryRun(),
                decision.map(d -> d.verdict().name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
                decision.map(IdleDecision::reason).orElse(null));
        List<ServiceView> services = manager.services().stream().map(s -> ServiceView.of(s, now)).toList();
        return new PowerView(true, self, manager.config().sleepMode(), nodes, idle, manager.config().sleepOnLan().enabled(),
                services);
    }

    private static NodeView node(NodeStatus n, String self, Instant now) {
        return new NodeView(n.name(), n.state().label(), n.since(), Duration.between(n.since(), now).toSeconds(), n.controller(),
                n.name().equals(self), n.wakeSentAt().orElse(null), n.lastEvent().map(EventView::of).orElse(null));
    }

    void get(Context ctx) {
        ctx.json(view());
    }

    void events(Context ctx) {
        String node = ctx.queryParam("node");
        int limit = LimitParameter.of(ctx);
        ctx.json(log.map(l -> l.recent(node, 10_000)).orElse(List.of()).stream().limit(limit).map(EventView::of).toList());
    }

    void wake(Context ctx) {
        Request request = request(ctx);
        PowerManager.WakeResult result = call(() -> manager().wake(request.node, request.force, "api",
                AccessControl.caller(ctx).name(), "requested by " + AccessControl.caller(ctx).name()));
        List<String> packets = result.packets().stream().map(p -> p.destination().getHostAddress() + ":" + p.port()).toList();
        ctx.attribute(RESULT, "woke " + request.node + ": " + packets.size() + " magic packets");
        ctx.json(new WakeAnswer(EventView.of(result.event()), packets));
    }

    record WakeAnswer(EventView event, List<String> packets) {
    }

    void sleep(Context ctx) {
        Request request = request(ctx);
        PowerEvent event = call(() -> manager().sleep(request.node, request.force, "api", AccessControl.caller(ctx).name(),
                "requested by " + AccessControl.caller(ctx).name()));
        ctx.attribute(RESULT, "sleep " + request.node + ": " + event.result());
        ctx.json(EventView.of(event));
    }

    private PowerManager manager() {
        return power.orElseThrow(() -> new Refusal(409, "power management is not configured on this agent (no power: section)"));
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (PowerRefusal e) {
            throw new Refusal(e.status(), e.getMessage());
        }
    }

    private record Request(String node, boolean force) {
    }

    private Request request(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new Refusal(400, "send a JSON body: {\"node\": \"NAME\"}");
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            throw new Refusal(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject() || !tree.path("node").isTextual()) {
            throw new Refusal(400, "send a JSON body: {\"node\": \"NAME\"} (and \"force\": true to act on a controller)");
        }
        JsonNode force = tree.path("force");
        if (!force.isMissingNode() && !force.isBoolean()) {
            throw new Refusal(400, "\"force\" must be true or false");
        }
        return new Request(tree.get("node").asText(), force.asBoolean(false));
    }
}
