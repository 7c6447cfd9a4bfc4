package dev.drover.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the traffic router that docs/workflows/model-rollout.yml switches with one
 * HTTP call: it records every request (method, path, content type, body) and answers 200 with
 * a small JSON body. The JDK's server, on an address lab hosts reach (the lab bridge).
 */
final class RouterDouble implements AutoCloseable {

    /** One request as the router received it. */
    record Request(String method, String path, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private RouterDouble(HttpServer server) {
        this.server = server;
    }

    static RouterDouble start(String address) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 16);
            RouterDouble router = new RouterDouble(server);
            server.createContext("/", router::handle);
            server.start();
            return router;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + " for the router double", e);
        }
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")), body));
            byte[] answer = "{\"switched\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
