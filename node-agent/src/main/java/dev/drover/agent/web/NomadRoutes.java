package dev.drover.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.cluster.NomadSnapshot;
import dev.drover.agent.cluster.NomadView;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadError;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /api/v1/nomad: this node's allocations and the cluster's jobs (from the background view),
 * and running, stopping and dispatching jobs (docs/api.md). Nomad's answers are passed on as
 * Nomad gave them; its refusals keep their status (400, 404), an unreachable Nomad is a 502.
 */
final class NomadRoutes {

    private final Optional<NomadView> nomad;
    private final ObjectMapper json;

    NomadRoutes(Optional<NomadView> nomad, ObjectMapper json) {
        this.nomad = nomad;
        this.json = json;
    }

    NomadSnapshot view() {
        return nomad.map(NomadView::snapshot).orElse(NomadSnapshot.notConfigured());
    }

    void get(Context ctx) {
        ctx.json(view());
    }

    void stop(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = body(ctx, true);
        boolean purge = body != null && body.path("purge").asBoolean(false);
        JsonNode answer = call(ctx, client -> client.stop(id, purge));
        ctx.attribute(PowerRoutes.RESULT, (purge ? "purged" : "stopped") + " job " + id + ": evaluation " + answer.path("EvalID").asText());
        ctx.json(answer);
    }

    void dispatch(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = body(ctx, true);
        Map<String, String> meta = new LinkedHashMap<>();
        byte[] payload = null;
        if (body != null) {
            JsonNode metaNode = body.path("meta");
            if (!metaNode.isMissingNode() && !metaNode.isObject()) {
                throw new Refusal(400, "\"meta\" must be an object of strings: {\"meta\": {\"model\": \"qwen3-8b\"}}");
            }
            metaNode.fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
            JsonNode payloadNode = body.path("payload");
            if (!payloadNode.isMissingNode() && !payloadNode.isNull()) {
                if (!payloadNode.isTextual()) {
                    throw new Refusal(400, "\"payload\" must be a string (sent to Nomad base64-encoded)");
                }
                payload = payloadNode.asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] data = payload;
        JsonNode answer = call(ctx, client -> client.dispatch(id, meta, data));
        ctx.attribute(PowerRoutes.RESULT, "dispatched job " + id + " as " + answer.path("DispatchedJobID").asText());
        ctx.json(answer);
    }

    void run(Context ctx) {
        JsonNode body = body(ctx, false);
        JsonNode job = NomadClient.jobOfJsonFile(body);
        if (!job.isObject() || !job.path("ID").isTextual()) {
            throw new Refusal(400, "send a Nomad job as JSON: {\"Job\": {\"ID\": ..., \"TaskGroups\": [...]}} (what `nomad job run -output` prints)");
        }
        JsonNode answer = call(ctx, client -> client.register(job, java.util.OptionalLong.empty()));
        ctx.attribute(PowerRoutes.RESULT, "registered job " + job.get("ID").asText() + ": evaluation " + answer.path("EvalID").asText());
        ctx.json(answer);
    }

    private JsonNode call(Context ctx, java.util.function.Function<NomadClient, JsonNode> action) {
        NomadView view = nomad.orElseThrow(() -> new Refusal(409, "Nomad is not configured on this agent (no nomad: section)"));
        JsonNode answer;
        try {
            answer = action.apply(view.client());
        } catch (NomadError e) {
            int status = e.status() >= 400 && e.status() < 500 ? e.status() : 502;
            throw new Refusal(status, e.getMessage());
        }
        // The panel shows the effect at once, not at the next background read.
        Thread refresh = new Thread(view::refresh, "nomad-refresh");
        refresh.setDaemon(true);
        refresh.start();
        return answer;
    }

    private JsonNode body(Context ctx, boolean optional) {
        String text = ctx.body();
        if (text.isBlank()) {
            if (optional) {
                return null;
            }
            throw new Refusal(400, "send the job as a JSON body");
        }
        try {
            JsonNode tree = json.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new Refusal(400, "the body must be a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new Refusal(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
