package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A thin client of Nomad's HTTP API (v1). Job bodies stay Jackson trees from file to wire, so
 * fields this client has never heard of pass through untouched. Every call adds the token,
 * namespace and region of the settings; reads can block (index + wait) as Nomad's blocking
 * queries do; connection failures and 5xx are retried with bounded backoff.
 */
public final class NomadClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final NomadSettings settings;
    private final HttpClient http;
    private final Retry retry;

    public NomadClient(NomadSettings settings) {
        this(settings, Retry.DEFAULT);
    }

    public NomadClient(NomadSettings settings, Retry retry) {
        this.settings = settings;
        this.retry = retry;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (settings.usesTls()) {
            if (settings.skipVerify()) {
                // java.net.http checks the host name apart from the trust managers; this JDK switch is the only
                // way to turn that off, and it is read when the first client is built, hence before build().
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            }
            builder.sslContext(PemTls.context(settings));
        }
        this.http = builder.build();
    }

    public NomadSettings settings() {
        return settings;
    }

    // ---- jobs

    /** Server-side HCL parsing (POST /v1/jobs/parse): Nomad's own parser, canonicalized. */
    public JsonNode parseHcl(String hcl, Map<String, String> variables) {
        return parseHcl(hcl, variables.isEmpty() ? "" : JobVariables.asHcl(variables));
    }

    /** As above, with the variables as the text of an HCL variables file. */
    public JsonNode parseHcl(String hcl, String variables) {
        ObjectNode body = NODES.objectNode();
        body.put("JobHCL", hcl);
        body.put("Canonicalize", true);
        if (!variables.isEmpty()) {
            body.put("Variables", variables);
        }
        return send("POST", "/v1/jobs/parse", Map.of(), body).body();
    }

    /** A job from a JSON job file: Nomad accepts both {"Job": {...}} and a bare job. */
    public static JsonNode jobOfJsonFile(JsonNode file) {
        return file.has("Job") && file.get("Job").isObject() ? file.get("Job") : file;
    }

    public JsonNode plan(JsonNode job) {
        ObjectNode body = NODES.objectNode();
        body.set("Job", job);
        body.put("Diff", true);
        body.put("PolicyOverride", false);
        return send("POST", "/v1/job/" + segment(jobId(job)) + "/plan", Map.of(), body).body();
    }

    /** Registers the job; with {@code checkIndex}, only if the job's modify index is still that (0: new job). */
    public JsonNode register(JsonNode job, OptionalLong checkIndex) {
        ObjectNode body = NODES.objectNode();
        body.set("Job", job);
        if (checkIndex.isPresent()) {
            body.put("EnforceIndex", true);
            body.put("JobModifyIndex", checkIndex.getAsLong());
        }
        return send("POST", "/v1/jobs", Map.of(), body).body();
    }

    public Indexed job(String id) {
        return send("GET", "/v1/job/" + segment(id), Map.of(), null);
    }

    /** The job, or null when Nomad does not know it. */
    public JsonNode jobOrNull(String id) {
        try {
            return job(id).body();
        } catch (NomadError e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public JsonNode jobs() {
        return send("GET", "/v1/jobs", Map.of(), null).body();
    }

    public JsonNode stop(String id, boolean purge) {
        return send("DELETE", "/v1/job/" + segment(id), purge ? Map.of("purge", "true") : Map.of(), null).body();
    }

    public JsonNode dispatch(String id, Map<String, String> meta, byte[] payload) {
        ObjectNode body = NODES.objectNode();
        ObjectNode metaNode = body.putObject("Meta");
        meta.forEach(metaNode::put);
        if (payload != null && payload.length > 0) {
            body.put("Payload", Base64.getEncoder().encodeToString(payload));
        }
        return send("POST", "/v1/job/" + segment(id) + "/dispatch", Map.of(), body).body();
    }

    public JsonNode jobAllocations(String id) {
        return send("GET", "/v1/job/" + segment(id) + "/allocations", Map.of(), null).body();
    }

    public JsonNode jobDeployments(String id) {
        return send("GET", "/v1/job/" + segment(id) + "/deployments", Map.of(), null).body();
    }

    // ---- evaluations, deployments, allocations (blocking reads)

    public Indexed evaluation(String id, long index, Duration wait) {
        return send("GET", "/v1/evaluation/" + segment(id), blocking(index, wait), null);
    }

    public JsonNode evaluationAllocations(String id) {
        return send("GET", "/v1/evaluation/" + segment(id) + "/allocations", Map.of(), null).body();
    }

    public Indexed deployment(String id, long index, Duration wait) {
        return send("GET", "/v1/deployment/" + segment(id), blocking(index, wait), null);
    }

    public Indexed allocation(String id, long index, Duration wait) {
        return send("GET", "/v1/allocation/" + segment(id), blocking(index, wait), null);
    }

    /** A task's log, as text (GET /v1/client/fs/logs/:alloc, plain). */
    public String logs(String allocationId, String task, boolean stderr) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("task", task);
        query.put("type", stderr ? "stderr" : "stdout");
        query.put("plain", "true");
        return sendText("GET", "/v1/client/fs/logs/" + segment(allocationId), query);
    }

    // ---- nodes

    public JsonNode nodes() {
        return send("GET", "/v1/nodes", Map.of(), null).body();
    }

    /** The whole node (class, datacenter, meta, attributes), GET /v1/node/:id. */
    public JsonNode node(String id) {
        return send("GET", "/v1/node/" + segment(id), Map.of(), null).body();
    }

    /** The allocations placed on a node, whole (with their job), GET /v1/node/:id/allocations. */
    public JsonNode nodeAllocations(String id) {
        return send("GET", "/v1/node/" + segment(id) + "/allocations", Map.of(), null).body();
    }

    /** Evaluations in one status (e.g. "blocked": jobs waiting for capacity), GET /v1/evaluations?status=. */
    public JsonNode evaluations(String status) {
        return send("GET", "/v1/evaluations", Map.of("status", status), null).body();
    }

    /** Starts a drain with Nomad's default deadline (1h), or stops one and marks the node eligible again. */
    public JsonNode drain(String nodeId, boolean enable) {
        ObjectNode body = NODES.objectNode();
        body.put("NodeID", nodeId);
        if (enable) {
            ObjectNode spec = body.putObject("DrainSpec");
            spec.put("Deadline", Duration.ofHours(1).toNanos());
            spec.put("IgnoreSystemJobs", false);
        } else {
            body.putNull("DrainSpec");
            body.put("MarkEligible", true);
        }
        return send("POST", "/v1/node/" + segment(nodeId) + "/drain", Map.of(), body).body();
    }

    public JsonNode eligibility(String nodeId, boolean eligible) {
        ObjectNode body = NODES.objectNode();
        body.put("NodeID", nodeId);
        body.put("Eligibility", eligible ? "eligible" : "ineligible");
        return send("POST", "/v1/node/" + segment(nodeId) + "/eligibility", Map.of(), body).body();
    }

    // ---- the wire

    static String jobId(JsonNode job) {
        JsonNode id = job.path("ID");
        if (!id.isTextual() || id.asText().isEmpty()) {
            id = job.path("Name");
        }
        if (!id.isTextual() || id.asText().isEmpty()) {
            throw new NomadError(0, "the job has neither an ID nor a Name");
        }
        return id.asText();
    }

    private static Map<String, String> blocking(long index, Duration wait) {
        if (index <= 0) {
            return Map.of();
        }
        return Map.of("index", Long.toString(index), "wait", wait.toMillis() + "ms");
    }

    private Indexed send(String method, String path, Map<String, String> query, JsonNode body) {
        HttpResponse<String> response = exchange(method, path, query, body);
        long index = response.headers().firstValue("X-Nomad-Index").map(Long::parseLong).orElse(0L);
        String text = response.body();
        try {
            return new Indexed(text.isBlank() ? NODES.nullNode() : JSON.readTree(text), index);
        } catch (IOException e) {
            throw new NomadError(response.statusCode(), method + " " + path + ": Nomad answered something that is not JSON: "
                    + abbreviate(text));
        }
    }

    private String sendText(String method, String path, Map<String, String> query) {
        return exchange(method, path, query, null).body();
    }

    private HttpResponse<String> exchange(String method, String path, Map<String, String> query, JsonNode body) {
        HttpRequest request = request(method, path, query, body);
        for (int attempt = 1; ; attempt++) {
            String failure;
            int status = 0;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                if (status < 300) {
                    return response;
                }
                if (status < 500) {
                    throw new NomadError(status, method + " " + path + ": Nomad refused it (" + status + "): "
                            + abbreviate(response.body().strip()));
                }
                failure = "Nomad failed (" + status + "): " + abbreviate(response.body().strip());
            } catch (IOException e) {
                failure = "cannot reach Nomad at " + settings.address() + ": " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NomadError(0, "interrupted while talking to Nomad");
            }
            if (attempt >= retry.attempts()) {
                throw new NomadError(status, method + " " + path + ": " + failure + " (after " + attempt
                        + (attempt == 1 ? " try)" : " tries)"));
            }
            pause(retry.delayAfter(attempt));
        }
    }

    private HttpRequest request(String method, String path, Map<String, String> query, JsonNode body) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        settings.namespace().ifPresent(ns -> parameters.put("namespace", ns));
        settings.region().ifPresent(region -> parameters.put("region", region));
        StringBuilder uri = new StringBuilder(settings.address().toString()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            uri.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()));
        // A blocking query may legitimately wait up to its wait time (Nomad adds up to 1/16 jitter).
        builder.timeout(Duration.ofMinutes(6));
        settings.token().ifPresent(token -> builder.header("X-Nomad-Token", token));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NomadError(0, "interrupted while waiting to retry Nomad");
        }
    }
}
