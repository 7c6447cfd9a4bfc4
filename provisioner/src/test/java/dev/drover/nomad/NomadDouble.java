package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A contract double of Nomad's HTTP API (v1) on loopback, a random port, for the paths drover
 * uses. Request and response shapes follow Nomad's API documentation field by field; behaviour
 * comes from {@link DoubleCluster}, which schedules jobs on three fake nodes.
 *
 * <p>It does not parse HCL: /v1/jobs/parse knows the HCL fixtures of {@link HclFixtures} by
 * their exact text and answers with the JSON job each stands for; anything else gets the 400 a
 * real parse error gets. Tests use JSON jobs, plus those fixtures where HCL matters.
 *
 * <p>Reads honour blocking queries: with {@code ?index=N&wait=D}, the answer waits until the
 * cluster's index passes N or D runs out, and always carries X-Nomad-Index.
 */
public final class NomadDouble implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final DoubleCluster cluster = new DoubleCluster();
    /** Failures to inject: how many of the next requests get a 500. */
    private volatile int failNext;

    public NomadDouble() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    /** A double on another address than loopback: the lab bridge, for agents on lab hosts. */
    public NomadDouble(InetAddress bind) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nomad-double");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public URI address() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    public DoubleCluster cluster() {
        return cluster;
    }

    /** The next {@code count} requests fail with a 500, as a Nomad server losing its leader does. */
    public void failNextRequests(int count) {
        failNext = count;
    }

    @Override
    public void close() {
        server.stop(0);
        cluster.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failNext > 0) {
                failNext--;
                reply(exchange, 500, "rpc error: No cluster leader", 0);
                return;
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            JsonNode body = method.equals("GET") || method.equals("DELETE") ? null
                    : JSON.readTree(exchange.getRequestBody().readAllBytes());
            try {
                route(exchange, method, path, query, body);
            } catch (DoubleCluster.ApiError e) {
                reply(exchange, e.status, e.getMessage(), cluster.index());
            }
        }
    }

    private void route(HttpExchange exchange, String method, String path, Map<String, String> query, JsonNode body)
            throws IOException {
        if (path.startsWith("/v1/client/fs/logs/") && method.equals("GET")) {
            logs(exchange, path, query);
            return;
        }
        String[] parts = path.substring("/v1/".length()).split("/");
        String p1 = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        String shape = switch (parts.length) {
            case 1 -> parts[0];
            case 2 -> parts[0].equals("jobs") ? "jobs/" + parts[1] : parts[0] + "/:id";
            default -> parts[0] + "/:id/" + parts[2];
        };
        switch (method + " " + shape) {
            case "POST jobs/parse" -> json(exchange, HclFixtures.parse(body));
            case "POST jobs" -> json(exchange, cluster.register(body));
            case "GET jobs" -> json(exchange, cluster.jobList());
            case "GET job/:id" -> blocking(exchange, query, c -> c.job(p1));
            case "DELETE job/:id" -> json(exchange, cluster.stop(p1, "true".equals(query.get("purge"))));
            case "POST job/:id/plan" -> json(exchange, cluster.plan(p1, body));
            case "POST job/:id/dispatch" -> json(exchange, cluster.dispatch(p1, body));
            case "GET job/:id/allocations" -> blocking(exchange, query, c -> c.jobAllocations(p1));
            case "GET job/:id/deployments" -> blocking(exchange, query, c -> c.jobDeployments(p1));
            case "GET evaluation/:id" -> blocking(exchange, query, c -> c.evaluation(p1));
            case "GET evaluation/:id/allocations" -> blocking(exchange, query, c -> c.evaluationAllocations(p1));
            case "GET deployment/:id" -> blocking(exchange, query, c -> c.deployment(p1));
            case "GET allocation/:id" -> blocking(exchange, query, c -> c.allocation(p1));
            case "GET evaluations" -> blocking(exchange, query, c -> c.evaluationList(query.get("status"), query.get("job")));
            case "GET nodes" -> blocking(exchange, query, DoubleCluster::nodeList);
            case "GET node/:id" -> blocking(exchange, query, c -> c.nodeDetail(p1));
            case "GET node/:id/allocations" -> blocking(exchange, query, c -> c.nodeAllocations(p1));
            case "POST node/:id/drain" -> json(exchange, cluster.drain(p1, body));
            case "POST node/:id/eligibility" -> json(exchange, cluster.eligibility(p1, body));
            default -> reply(exchange, 404, "Invalid method", cluster.index());
        }
    }

    private void logs(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        // /v1/client/fs/logs/:alloc_id
        String[] parts = path.split("/");
        if (parts.length != 6 || !parts[4].equals("logs")) {
            throw new DoubleCluster.ApiError(404, "Invalid method");
        }
        String text = cluster.logs(parts[5], query.get("task"), query.getOrDefault("type", "stdout"));
        reply(exchange, 200, text, cluster.index());
    }

    private void blocking(HttpExchange exchange, Map<String, String> query, Function<DoubleCluster, JsonNode> read)
            throws IOException {
        long index = Long.parseLong(query.getOrDefault("index", "0"));
        Duration wait = waitOf(query.get("wait"));
        cluster.awaitIndexAbove(index, wait);
        json(exchange, read.apply(cluster));
    }

    private static Duration waitOf(String wait) {
        if (wait == null) {
            return Duration.ofMinutes(5);
        }
        if (wait.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(wait.substring(0, wait.length() - 2)));
        }
        if (wait.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(wait.substring(0, wait.length() - 1)));
        }
        if (wait.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(wait.substring(0, wait.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(wait));
    }

    private void json(HttpExchange exchange, JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply(exchange, 200, JSON.writeValueAsString(body), cluster.index());
    }

    private static void reply(HttpExchange exchange, int status, String text, long index) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("X-Nomad-Index", Long.toString(index));
        exchange.getResponseHeaders().set("X-Nomad-KnownLeader", "true");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
