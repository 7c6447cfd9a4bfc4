package dev.drover.nomad;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A server that answers [] and remembers the last request's query and token. */
final class RecordingServer implements AutoCloseable {

    private final HttpServer server;
    private volatile String lastQuery;
    private volatile String lastToken;

    RecordingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            lastQuery = exchange.getRequestURI().getRawQuery();
            lastToken = exchange.getRequestHeaders().getFirst("X-Nomad-Token");
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String lastQuery() {
        return lastQuery;
    }

    String lastToken() {
        return lastToken;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
