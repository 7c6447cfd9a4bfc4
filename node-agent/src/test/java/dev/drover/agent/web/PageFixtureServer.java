package dev.drover.agent.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.drover.agent.cluster.ContainersSnapshot;
import dev.drover.agent.cluster.DockerView;
import dev.drover.agent.node.NodeProbe;
import dev.drover.agent.node.NodeSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stand-in for the agent's HTTP API while the page is built: the static page from the classpath
 * (/web/, as the agent serves it), the API shaped per the issue 4 contract, and the SSE stream.
 * The node and the containers are real (NodeProbe, DockerView); the checks are a few evaluated
 * here in Java, one of them on a file the test creates, so their verdicts really change.
 */
final class PageFixtureServer implements AutoCloseable {

    static final String TOKEN = "fixture-operator-token";

    /** One property of one check, decided when the checks run. */
    record FixtureCheck(String file, String type, String id, String property, String expected, boolean warnOnly,
                        Supplier<String> found, Supplier<Boolean> passes) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<OutputStream> listeners = new CopyOnWriteArrayList<>();
    private final NodeProbe probe = new NodeProbe();
    private final DockerView docker;
    private final List<FixtureCheck> checks;
    private final Instant startedAt = Instant.now();
    private final Map<String, Map<String, Object>> lastRuns = new LinkedHashMap<>();
    private final List<Map<String, Object>> history = new ArrayList<>();

    PageFixtureServer(List<FixtureCheck> checks, String dockerHost) throws IOException {
        this.checks = List.copyOf(checks);
        this.docker = new DockerView(dockerHost);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::route);
        server.start();
        ticker.scheduleAtFixedRate(() -> broadcast("status", statusBody()), 2, 2, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/api/v1/status" -> send(exchange, 200, statusBody());
                case "/api/v1/checks" -> send(exchange, 200, new ArrayList<>(lastRuns.values()));
                case "/api/v1/checks/history" -> send(exchange, 200, historyOf(exchange.getRequestURI()));
                case "/api/v1/containers" -> send(exchange, 200, docker.snapshot());
                case "/api/v1/checks/run" -> {
                    if (!method.equals("POST")) {
                        send(exchange, 405, Map.of("error", "POST only"));
                    } else if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                        send(exchange, 401, Map.of("error", "a valid API token is required"));
                    } else {
                        send(exchange, 200, runAll());
                    }
                }
                case "/api/v1/events" -> events(exchange);
                default -> staticFile(exchange, path.equals("/") ? "index.html" : path.substring(1));
            }
        }
    }

    /** Runs every check file now, as POST /api/v1/checks/run does, and tells the SSE listeners. */
    synchronized List<Map<String, Object>> runAll() {
        Map<String, List<Map<String, Object>>> byFile = new LinkedHashMap<>();
        Instant started = Instant.now();
        for (FixtureCheck check : checks) {
            long t0 = System.nanoTime();
            boolean pass = check.passes().get();
            String outcome = pass ? "PASS" : check.warnOnly() ? "WARN" : "FAIL";
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", check.type());
            result.put("id", check.id());
            result.put("title", check.id());
            result.put("property", check.property());
            result.put("outcome", outcome);
            result.put("expected", check.expected());
            result.put("found", check.found().get());
            result.put("message", pass ? "" : check.property() + ": expected " + check.expected() + ", found "
                    + check.found().get());
            result.put("duration_ms", (System.nanoTime() - t0) / 1_000_000);
            byFile.computeIfAbsent(check.file(), f -> new ArrayList<>()).add(result);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (var file : byFile.entrySet()) {
            long failed = count(file.getValue(), "FAIL");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.getKey());
            entry.put("schedule", "every 30s");
            entry.put("last_run", started);
            entry.put("duration_ms", Duration.between(started, Instant.now()).toMillis());
            entry.put("healthy", failed == 0);
            entry.put("results", file.getValue());
            lastRuns.put(file.getKey(), entry);
            entries.add(entry);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("file", file.getKey());
            run.put("started_at", started);
            run.put("duration_ms", entry.get("duration_ms"));
            run.put("passed", count(file.getValue(), "PASS"));
            run.put("failed", failed);
            run.put("warned", count(file.getValue(), "WARN"));
            run.put("skipped", 0);
            run.put("healthy", failed == 0);
            history.add(0, run);
            broadcast("checks", entry);
        }
        return entries;
    }

    private static long count(List<Map<String, Object>> results, String outcome) {
        return results.stream().filter(r -> outcome.equals(r.get("outcome"))).count();
    }

    private synchronized Map<String, Object> statusBody() {
        NodeSnapshot node = probe.read();
        List<Map<String, Object>> results = new ArrayList<>();
        lastRuns.values().forEach(e -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> r = (List<Map<String, Object>>) e.get("results");
            results.addAll(r);
        });
        long failed = count(results, "FAIL");
        ContainersSnapshot containers = docker.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", node);
        body.put("healthy", failed == 0);
        body.put("checks", Map.of("passed", count(results, "PASS"), "failed", failed, "warned", count(results, "WARN"),
                "skipped", 0, "last_run", lastRuns.values().stream().map(e -> e.get("last_run").toString())
                        .max(String::compareTo).orElse("")));
        body.put("agent", Map.of("version", "0.1.0-SNAPSHOT (fixture)", "started_at", startedAt));
        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("available", containers.available());
        docker.put("error", containers.error());
        body.put("panels", Map.of("docker", docker));
        return body;
    }

    private synchronized List<Map<String, Object>> historyOf(URI uri) {
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String file = null;
        int limit = 30;
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("file")) {
                file = java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            } else if (kv.length == 2 && kv[0].equals("limit")) {
                limit = Integer.parseInt(kv[1]);
            }
        }
        String wanted = file;
        return history.stream().filter(r -> wanted == null || wanted.equals(r.get("file"))).limit(limit).toList();
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        listeners.add(out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void broadcast(String event, Object body) {
        byte[] frame;
        try {
            frame = ("event: " + event + "\ndata: " + json.writeValueAsString(body) + "\n\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (OutputStream out : listeners) {
            try {
                synchronized (out) {
                    out.write(frame);
                    out.flush();
                }
            } catch (IOException e) {
                listeners.remove(out); // the page went away
            }
        }
    }

    private void staticFile(HttpExchange exchange, String name) throws IOException {
        String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : "text/html";
        try (InputStream in = name.contains("..") ? null : getClass().getResourceAsStream("/web/" + name)) {
            if (in == null) {
                send(exchange, 404, Map.of("error", "not found: " + name));
                return;
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static FixtureCheck fileExists(String file, Path path, boolean warnOnly) {
        return new FixtureCheck(file, "file", path.toString(), "exists", "true", warnOnly,
                () -> String.valueOf(Files.exists(path)), () -> Files.exists(path));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        stopped.countDown();
        server.stop(0);
        handlers.shutdownNow();
        docker.close();
    }
}
