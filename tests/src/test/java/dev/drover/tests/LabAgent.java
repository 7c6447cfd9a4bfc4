package dev.drover.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * drover-agent on a lab host, as the agent's lab tests use it: installed by roles/node_agent
 * with {@code drover play} (a playbook of tests/src/test/resources/agent/ and the test's
 * variables), then reached over the lab network on port 8700.
 */
final class LabAgent {

    /** An API token of the agent's config: the test keeps the secret, the role gets its sha256. */
    record ApiToken(String name, String role, String secret) {

        static ApiToken generate(String name, String role) {
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            return new ApiToken(name, role, HexFormat.of().formatHex(bytes));
        }

        /** The entry of node_agent_tokens. */
        Map<String, Object> asRoleVariable() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
                return Map.of("name", name, "role", role, "sha256", HexFormat.of().formatHex(hash));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lab lab;
    private final String host;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    LabAgent(Lab lab, String host) {
        this.lab = lab;
        this.host = host;
        this.base = "http://" + lab.host(host).address() + ":8700";
    }

    /** Runs the playbook on this host alone with the variables as {@code -e @vars.json}. */
    LocalCommand.Output install(String playbookName, Map<String, Object> vars) {
        return install(playbookName, vars, List.of());
    }

    /** {@link #install(String, Map)} with more arguments for drover play ({@code --check}, {@code --diff}). */
    LocalCommand.Output install(String playbookName, Map<String, Object> vars, List<String> options) {
        Path playbook = Path.of("src/test/resources/agent", playbookName).toAbsolutePath();
        Path file = null;
        try {
            file = Files.createTempFile("drover-agent-vars", ".json");
            Files.writeString(file, JSON.writeValueAsString(vars));
            List<String> argv = new java.util.ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                    "-i", lab.inventory().toString(), "--limit", host, "-e", "@" + file));
            argv.addAll(options);
            argv.add(playbook.toString());
            return LocalCommand.of(argv)
                    .environment(Map.of("DROVER_ROLES_PATH", lab.root().resolve("roles").toString()))
                    .timeout(Duration.ofMinutes(8))
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    HttpResponse<String> get(String path, ApiToken token) throws IOException, InterruptedException {
        return send(request(path, token).GET().timeout(Duration.ofSeconds(10)));
    }

    HttpResponse<String> post(String path, ApiToken token) throws IOException, InterruptedException {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String path, ApiToken token, String json) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The body of a 200 answer to GET path, or null while the agent does not answer it (booting, starting). */
    String body(String path) {
        try {
            HttpResponse<String> response = get(path);
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@link #body} as JSON, or null. */
    JsonNode json(String path) {
        String body = body(path);
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The node's entry in GET /api/v1/power's "nodes", by name. */
    static String nodeState(JsonNode power, String node) {
        for (JsonNode n : power.get("nodes")) {
            if (n.get("name").asText().equals(node)) {
                return n.get("state").asText();
            }
        }
        throw new AssertionError("no node " + node + " in " + power);
    }

    private HttpRequest.Builder request(String path, ApiToken token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token.secret());
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
