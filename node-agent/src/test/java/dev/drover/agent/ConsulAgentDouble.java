package dev.drover.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contract double of the part of Consul's agent HTTP API the agent uses, shaped field by
 * field on Consul's documented API: PUT /v1/agent/service/register (JSON with ID, Name, Tags,
 * Address, Port, Meta, Check{HTTP, Interval, Timeout, ...}, names matched without regard to case
 * as Go's encoding/json does (consul-client sends "Id"); unknown fields, a missing Name or
 * an HTTP check without Interval are 400s as in Consul), PUT /v1/agent/service/deregister/:id
 * (404 for an unknown ID), GET /v1/agent/services (ID → {ID, Service, Tags, Meta, Port,
 * Address, EnableTagOverride, Weights}) and GET /v1/agent/checks ("service:ID" →
 * {CheckID, Name, Status, Notes, Output, ServiceID, ServiceName, ServiceTags, Type}). Like
 * Consul, it probes an HTTP check's URL itself and reports passing or critical.
 */
final class ConsulAgentDouble implements AutoCloseable {

    private static final Set<String> SERVICE_FIELDS = Set.of("ID", "Name", "Tags", "Address", "TaggedAddresses", "Meta",
            "Port", "Kind", "Proxy", "Connect", "Check", "Checks", "EnableTagOverride", "Weights", "SocketPath",
            "Namespace", "Partition", "Locality");
    private static final Set<String> CHECK_FIELDS = Set.of("CheckID", "Name", "Notes", "Status", "Interval", "Timeout",
            "HTTP", "Method", "Header", "Body", "TLSServerName", "TLSSkipVerify", "TCP", "UDP", "Args", "TTL",
            "DeregisterCriticalServiceAfter", "GRPC", "GRPCUseTLS", "H2PING", "H2PingUseTLS", "OSService", "AliasNode",
            "AliasService", "DockerContainerID", "Shell", "SuccessBeforePassing", "FailuresBeforeWarning",
            "FailuresBeforeCritical", "OutputMaxSize", "ScriptArgs");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final HttpClient prober = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    private final Map<String, ObjectNode> checks = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    ConsulAgentDouble(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/agent/", this::handle);
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            calls.add(method + " " + path);
        }
        try {
            if (method.equals("PUT") && path.equals("/v1/agent/service/register")) {
                register(exchange);
            } else if (method.equals("PUT") && path.startsWith("/v1/agent/service/deregister/")) {
                deregister(exchange, path.substring("/v1/agent/service/deregister/".length()));
            } else if (method.equals("GET") && path.equals("/v1/agent/services")) {
                reply(exchange, 200, snapshot(services));
            } else if (method.equals("GET") && path.equals("/v1/agent/checks")) {
                reply(exchange, 200, snapshot(checks));
            } else {
                reply(exchange, 405, "method " + method + " not allowed on " + path);
            }
        } catch (RuntimeException e) {
            reply(exchange, 500, e.toString());
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            reply(exchange, 400, "Request decode failed: " + e.getMessage());
            return;
        }
        String unknown = unknownField(body, SERVICE_FIELDS);
        if (unknown == null) {
            body = canonical(body, SERVICE_FIELDS);
            if (body.has("Check")) {
                unknown = unknownField(body.get("Check"), CHECK_FIELDS);
                ((ObjectNode) body).set("Check", canonical(body.get("Check"), CHECK_FIELDS));
            }
        }
        if (unknown != null) {
            reply(exchange, 400, "Request decode failed: json: unknown field \"" + unknown + "\"");
            return;
        }
        if (!body.hasNonNull("Name") || body.get("Name").asText().isEmpty()) {
            reply(exchange, 400, "Missing service name");
            return;
        }
        JsonNode check = body.path("Check");
        if (check.hasNonNull("HTTP") && !check.hasNonNull("Interval")) {
            reply(exchange, 400, "Invalid check: HTTP, TCP, UDP, gRPC and H2PING checks must include an Interval");
            return;
        }
        String id = body.hasNonNull("ID") ? body.get("ID").asText() : body.get("Name").asText();
        ObjectNode service = json.createObjectNode();
        service.put("ID", id);
        service.put("Service", body.get("Name").asText());
        service.set("Tags", body.has("Tags") ? body.get("Tags") : json.createArrayNode());
        service.set("Meta", body.has("Meta") ? body.get("Meta") : json.createObjectNode());
        service.put("Port", body.path("Port").asInt(0));
        service.put("Address", body.path("Address").asText(""));
        service.put("EnableTagOverride", body.path("EnableTagOverride").asBoolean(false));
        service.set("Weights", json.createObjectNode().put("Passing", 1).put("Warning", 1));
        synchronized (this) {
            services.put(id, service);
            if (check.hasNonNull("HTTP")) {
                ObjectNode entry = json.createObjectNode();
                entry.put("CheckID", "service:" + id);
                entry.put("Name", "Service '" + body.get("Name").asText() + "' check");
                entry.put("Status", "critical");
                entry.put("Notes", check.path("Notes").asText(""));
                entry.put("Output", "");
                entry.put("ServiceID", id);
                entry.put("ServiceName", body.get("Name").asText());
                entry.set("ServiceTags", service.get("Tags"));
                entry.put("Type", "http");
                entry.set("Definition", json.createObjectNode().put("HTTP", check.get("HTTP").asText())
                        .put("Interval", check.get("Interval").asText()).put("Timeout", check.path("Timeout").asText("")));
                checks.put("service:" + id, entry);
                probe(entry, check.get("HTTP").asText());
            }
        }
        reply(exchange, 200, "");
    }

    /** What Consul does with an HTTP check: GET the URL; 2xx is passing, anything else critical. */
    private void probe(ObjectNode entry, String url) {
        prober.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    synchronized (this) {
                        if (error != null) {
                            entry.put("Status", "critical").put("Output", error.toString());
                        } else {
                            entry.put("Status", response.statusCode() / 100 == 2 ? "passing" : "critical")
                                    .put("Output", "HTTP GET " + url + ": " + response.statusCode());
                        }
                    }
                });
    }

    private void deregister(HttpExchange exchange, String id) throws IOException {
        boolean known;
        synchronized (this) {
            known = services.remove(id) != null;
            checks.remove("service:" + id);
        }
        if (known) {
            reply(exchange, 200, "");
        } else {
            reply(exchange, 404, "Unknown service ID \"" + id + "\". Ensure that the service ID is passed, not the service name.");
        }
    }

    private synchronized String snapshot(Map<String, ObjectNode> map) {
        try {
            return json.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unknownField(JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (canonicalName(name, known) == null) {
                return name;
            }
        }
        return null;
    }

    /** The object with every field renamed to Consul's spelling (Go matches JSON names case-insensitively). */
    private JsonNode canonical(JsonNode node, Set<String> known) {
        ObjectNode out = json.createObjectNode();
        node.fields().forEachRemaining(e -> {
            String name = canonicalName(e.getKey(), known);
            out.set(name == null ? e.getKey() : name, e.getValue());
        });
        return out;
    }

    private static String canonicalName(String name, Set<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
