package dev.drover.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * The web server the network modules (get_url, uri) download from in differential
 * playbooks: the JDK's own, on the lab bridge's address and an ephemeral port, so that lab
 * hosts reach it. Playbooks get its address as the variable {@code http_base}.
 * <pre>
 * /files/NAME           a file of differential/files/ (404 when missing); "Range: bytes=N-" gets 206 and the rest
 *                       of the file from byte N (416 past the end), for resumed downloads
 * /echo                 the request as JSON: method, path, query, headers (lower-case names), body
 * /status/CODE          answers CODE with a small JSON body
 * /redirect?to=PATH     302 to PATH
 * /slow?seconds=N       answers after N seconds
 * /auth                 200 for Basic user:secret, else 401 with WWW-Authenticate
 * /json                 a fixed JSON document
 * </pre>
 */
final class TestHttpServer implements AutoCloseable {

    private static final java.util.regex.Pattern OPEN_RANGE = java.util.regex.Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Path files;
    /** Every request for /files/NAME, as "NAME" or "NAME bytes=N-" when it asked for a range. */
    final List<String> fileRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestHttpServer(HttpServer server, Path files) {
        this.server = server;
        this.files = files;
    }

    static TestHttpServer start(String address, Path files) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 16);
            TestHttpServer web = new TestHttpServer(server, files);
            server.createContext("/", web::handle);
            server.setExecutor(Executors.newFixedThreadPool(8, r -> {
                Thread thread = new Thread(r, "test-http");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return web;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + " for the playbooks' web server", e);
        }
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/files/")) {
                serveFile(exchange, path.substring("/files/".length()));
            } else if (path.equals("/echo")) {
                send(exchange, 200, "application/json", echo(exchange, body));
            } else if (path.startsWith("/status/")) {
                int code = Integer.parseInt(path.substring("/status/".length()));
                send(exchange, code, "application/json", "{\"status\": " + code + "}");
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", query.getOrDefault("to", "/json"));
                send(exchange, 302, "text/plain", "moved\n");
            } else if (path.equals("/slow")) {
                sleep(Double.parseDouble(query.getOrDefault("seconds", "3")));
                send(exchange, 200, "text/plain", "slow\n");
            } else if (path.equals("/auth")) {
                String expected = "Basic " + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.UTF_8));
                if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    send(exchange, 200, "text/plain", "welcome\n");
                } else {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                    send(exchange, 401, "text/plain", "who are you?\n");
                }
            } else if (path.equals("/json")) {
                send(exchange, 200, "application/json", "{\"name\": \"drover\", \"items\": [1, 2, 3], \"nested\": {\"ok\": true}}");
            } else {
                send(exchange, 404, "text/plain", "not found\n");
            }
        }
    }

    private void serveFile(HttpExchange exchange, String name) throws IOException {
        Path file = files.resolve(name).normalize();
        if (!file.startsWith(files) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "not found\n");
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        String range = exchange.getRequestHeaders().getFirst("Range");
        fileRequests.add(name + (range == null ? "" : " " + range));
        java.util.regex.Matcher from = range == null ? null : OPEN_RANGE.matcher(range);
        int status = 200;
        if (from != null && from.matches()) {
            // "bytes=N-", what curl -C - and wget -c send: the rest of the file from N, or 416 past its end.
            long start = Long.parseLong(from.group(1));
            if (start >= bytes.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
            bytes = java.util.Arrays.copyOfRange(bytes, (int) start, bytes.length);
            status = 206;
        }
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String echo(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
        StringBuilder json = new StringBuilder("{\"method\": ").append(quote(exchange.getRequestMethod()))
                .append(", \"path\": ").append(quote(exchange.getRequestURI().getPath()))
                .append(", \"query\": ").append(quote(String.valueOf(exchange.getRequestURI().getRawQuery())))
                .append(", \"headers\": {");
        String separator = "";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            json.append(separator).append(quote(header.getKey())).append(": ").append(quote(header.getValue()));
            separator = ", ";
        }
        return json.append("}, \"body\": ").append(quote(new String(body, StandardCharsets.UTF_8))).append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new TreeMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The arguments that hand both tools the server's address. */
    List<String> extraVars() {
        return List.of("-e", "http_base=" + baseUrl());
    }
}
