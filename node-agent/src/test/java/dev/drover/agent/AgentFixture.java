package dev.drover.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A real agent on a random loopback port, configured from YAML text written into a temporary
 * directory, and a java.net.http client to talk to it as any user would.
 */
final class AgentFixture implements AutoCloseable {

    static final String VIEWER = "viewer-secret-token";
    static final String OPERATOR = "operator-secret-token";
    static final String ADMIN = "admin-secret-token";

    final Path dir;
    final Agent agent;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();

    private AgentFixture(Path dir, Agent agent) {
        this.dir = dir;
        this.agent = agent;
    }

    static AgentFixture of(Path dir, Agent agent) {
        return new AgentFixture(dir, agent);
    }

    /** {@code extraConfig} is YAML appended after bind/port/data_dir and the three test tokens. */
    static AgentFixture start(Path dir, String extraConfig) throws IOException {
        Path config = writeConfig(dir, extraConfig);
        return new AgentFixture(dir, Agent.start(ConfigLoader.load(config)));
    }

    /** An agent whose power manager uses {@code devices}: recorded packets and sleeps, chosen probe answers. */
    static AgentFixture start(Path dir, String extraConfig, dev.drover.agent.power.PowerManager.Devices devices) throws IOException {
        Path config = writeConfig(dir, extraConfig);
        return new AgentFixture(dir, Agent.start(ConfigLoader.load(config), devices));
    }

    static Path writeConfig(Path dir, String extraConfig) throws IOException {
        String text = "bind: 127.0.0.1\nport: 0\ndata_dir: data\n" + extraConfig;
        if (!extraConfig.contains("docker:")) {
            // No Docker here: the panel must say so, whatever the machine running the tests has.
            text += "\ndocker:\n  host: unix://" + dir.resolve("no-docker.sock") + "\n";
        }
        if (!extraConfig.contains("auth:")) {
            text += "\n" + tokens(true);
        }
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, text);
        return config;
    }

    static String tokens(boolean readOpen) {
        return "auth:\n  read_open: " + readOpen + "\n  tokens:\n"
                + "    - {name: alice, role: viewer, sha256: " + sha256(VIEWER) + "}\n"
                + "    - {name: ops, role: operator, sha256: " + sha256(OPERATOR) + "}\n"
                + "    - {name: root, role: admin, sha256: " + sha256(ADMIN) + "}\n";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A check file (Goss format) in the fixture's directory. */
    static Path checkFile(Path dir, String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.port() + path);
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A POST with a JSON body, as the page and curl send it. */
    HttpResponse<String> post(String path, String token, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs every file now (as an operator) and returns the answer. */
    HttpResponse<String> runNow() {
        return post("/api/v1/checks/run", OPERATOR);
    }

    /** The run once it has ended (within 15 s), as GET /api/v1/workflows/runs/:id shows it. */
    JsonNode awaitRun(String id) throws Exception {
        JsonNode[] last = new JsonNode[1];
        AgentEventsTest.waitFor(() -> {
            last[0] = json(get("/api/v1/workflows/runs/" + id));
            return !last[0].path("status").asText().equals("running");
        }, Duration.ofSeconds(15));
        return last[0];
    }

    /** {@code yaml} as dir/agent.yml must be refused at load, naming the file with {@code lineSuffix} and {@code message}. */
    static void assertConfigRefused(Path dir, String yaml, String lineSuffix, String message) throws Exception {
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, yaml);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(config))
                .isInstanceOf(dev.drover.UserError.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((dev.drover.UserError) e).describe())
                        .contains(config + lineSuffix).contains(message));
    }

    @Override
    public void close() {
        agent.close();
    }
}
