package dev.drover.agent.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The agent the workflow page's browser tests start: its config and its workflow files in a temporary folder. */
final class WorkflowPageAgent {

    private WorkflowPageAgent() {
    }

    /**
     * agent.yml with an operator's and a viewer's token, no Docker, and {@code extra} appended;
     * the workflow files by name. Skips the test when chromium is not installed, unless the run
     * asked for browsers (-Ddrover.browser), which then must be there.
     */
    static void write(Path temp, String operator, String viewer, String extra, Map<String, String> workflows) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        Files.createDirectories(temp.resolve("workflows"));
        for (Map.Entry<String, String> w : workflows.entrySet()) {
            Files.writeString(temp.resolve("workflows/" + w.getKey() + ".yml"), w.getValue());
        }
        Files.writeString(temp.resolve("agent.yml"), """
                bind: 127.0.0.1
                port: 0
                data_dir: %s
                docker: {enabled: false}
                auth:
                  tokens:
                    - {name: ops, role: operator, sha256: %s}
                    - {name: watcher, role: viewer, sha256: %s}
                """.formatted(temp.resolve("data"), sha256(operator), sha256(viewer)) + extra);
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Starts a run over the API, as another operator would: its id. */
    static String start(String base, String workflow, String operator) throws Exception {
        java.net.http.HttpResponse<String> started = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/workflows/" + workflow + "/runs"))
                        .header("Authorization", "Bearer " + operator).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(started.body()).path("id").asText();
    }
}
