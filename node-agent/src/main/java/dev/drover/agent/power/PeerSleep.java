package dev.drover.agent.power;

import dev.drover.agent.config.PowerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks another node's agent to put its own node to sleep (POST /api/v1/power/sleep with power.peer_token). */
final class PeerSleep {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String scheme;
    private final int port;

    PeerSleep(String scheme, int port) {
        this.scheme = scheme;
        this.port = port;
    }

    /** The peer's answer, or a refusal carrying its message. */
    String ask(PowerConfig.Node node, String token, boolean force) {
        int port = node.agentPort().orElse(this.port);
        String host = node.address().contains(":") ? "[" + node.address() + "]" : node.address();
        String body = "{\"node\":\"" + node.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"force\":" + force + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port + "/api/v1/power/sleep"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new PowerRefusal(502, node.name() + "'s agent answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new PowerRefusal(502, "cannot reach " + node.name() + "'s agent at " + node.address() + ":" + port + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerRefusal(502, "interrupted while asking " + node.name() + "'s agent");
        }
    }
}
