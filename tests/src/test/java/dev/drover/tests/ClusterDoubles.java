package dev.drover.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drover.nomad.NomadDouble;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Nomad and Consul for the cluster's lab test, in this JVM, on an address the lab hosts reach
 * (the lab bridge): the provisioner's {@link NomadDouble} (the contract double of Nomad's API,
 * which listens on loopback) behind a front that lab hosts can reach, answers
 * /v1/jobs/parse for the cluster's jobs ({@link NomadHclJobs}) and /v1/status/leader; and a
 * Consul catalog double whose services are those of the double's running allocations, with
 * passing checks, as Nomad's Consul integration registers them.
 *
 * <p>(node-agent's ConsulAgentDouble serves the agent API — register, deregister, agent
 * services and checks — not the health and status endpoints the role and the checks read.)
 */
final class ClusterDoubles implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NomadDouble nomad;
    private final HttpServer nomadFront;
    private final HttpServer consul;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterDoubles(String address) throws IOException {
        nomad = new NomadDouble();
        nomadFront = server(address, "/v1/", this::nomadRequest);
        consul = server(address, "/v1/", this::consulRequest);
    }

    static ClusterDoubles start(String address) {
        try {
            return new ClusterDoubles(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Nomad and Consul doubles on " + address, e);
        }
    }

    NomadDouble nomad() {
        return nomad;
    }

    String nomadAddress() {
        return "http://" + nomadFront.getAddress().getHostString() + ":" + nomadFront.getAddress().getPort();
    }

    String consulAddress() {
        return "http://" + consul.getAddress().getHostString() + ":" + consul.getAddress().getPort();
    }

    @Override
    public void close() {
        nomadFront.stop(0);
        consul.stop(0);
        nomad.close();
    }

    private static HttpServer server(String address, String path, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 32);
        server.createContext(path, exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                send(exchange, 500, "text/plain", e.toString());
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "cluster-double");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    // ---- Nomad: parse and leader here, everything else forwarded to the double

    private void nomadRequest(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.equals("/v1/status/leader")) {
            send(exchange, 200, "application/json", "\"" + nomadFront.getAddress().getHostString() + ":4647\"");
            return;
        }
        if (path.equals("/v1/jobs/parse") && exchange.getRequestMethod().equals("POST")) {
            try {
                String hcl = JSON.readTree(body).path("JobHCL").asText();
                send(exchange, 200, "application/json", JSON.writeValueAsString(NomadHclJobs.parse(hcl)));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "text/plain", e.getMessage());
            }
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(nomad.address() + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofMinutes(6))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String token = exchange.getRequestHeaders().getFirst("X-Nomad-Token");
        if (token != null) {
            forward.header("X-Nomad-Token", token);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        answer.headers().firstValue("X-Nomad-Index").ifPresent(v -> exchange.getResponseHeaders().set("X-Nomad-Index", v));
        answer.headers().firstValue("X-Nomad-KnownLeader").ifPresent(v -> exchange.getResponseHeaders().set("X-Nomad-KnownLeader", v));
        send(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"), answer.body());
    }

    // ---- Consul: the leader, and the services of the double's running allocations

    private void consulRequest(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1/status/leader")) {
            send(exchange, 200, "application/json", "\"" + consul.getAddress().getHostString() + ":8300\"");
        } else if (path.startsWith("/v1/health/service/")) {
            String name = path.substring("/v1/health/service/".length());
            send(exchange, 200, "application/json", JSON.writeValueAsString(healthOf(name)));
        } else {
            send(exchange, 404, "text/plain", "the Consul double serves /v1/status/leader and /v1/health/service/NAME only");
        }
    }

    /** Consul's /v1/health/service/NAME: one entry per running allocation registering NAME. */
    private ArrayNode healthOf(String service) throws IOException {
        ArrayNode entries = JSON.createArrayNode();
        for (JsonNode stub : nomadGet("/v1/jobs")) {
            String jobId = stub.path("ID").asText();
            JsonNode job = nomadGet("/v1/job/" + jobId);
            for (JsonNode group : job.path("TaskGroups")) {
                for (JsonNode declared : group.path("Services")) {
                    if (!declared.path("Name").asText().equals(service)) {
                        continue;
                    }
                    for (JsonNode alloc : nomadGet("/v1/job/" + jobId + "/allocations")) {
                        if (alloc.path("TaskGroup").asText().equals(group.path("Name").asText())
                                && alloc.path("ClientStatus").asText().equals("running")
                                && alloc.path("DesiredStatus").asText("run").equals("run")) {
                            entries.add(entry(service, declared, alloc));
                        }
                    }
                }
            }
        }
        return entries;
    }

    private static ObjectNode entry(String service, JsonNode declared, JsonNode alloc) {
        ObjectNode entry = JSON.createObjectNode();
        entry.putObject("Node").put("Node", alloc.path("NodeName").asText()).put("Datacenter", "dc1");
        ObjectNode s = entry.putObject("Service");
        s.put("ID", "_nomad-task-" + alloc.path("ID").asText() + "-" + service);
        s.put("Service", service);
        s.set("Tags", declared.path("Tags").deepCopy());
        s.put("Port", 8080);
        ArrayNode checks = entry.putArray("Checks");
        checks.addObject().put("CheckID", "serfHealth").put("Name", "Serf Health Status").put("Status", "passing");
        for (JsonNode check : declared.path("Checks")) {
            checks.addObject().put("Name", check.path("Name").asText()).put("Status", "passing").put("ServiceName", service);
        }
        return entry;
    }

    private JsonNode nomadGet(String path) throws IOException {
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(nomad.address() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createArrayNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        send(exchange, code, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Adds the lab hosts to the double as ready Nomad clients named as in the inventory. */
    void addNodes(List<String> names, Map<String, String> meta) {
        for (String name : names) {
            nomad.cluster().addNode(name, "", "dc1", meta, "ready");
        }
    }
}
