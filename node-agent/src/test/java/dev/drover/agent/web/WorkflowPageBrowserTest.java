package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.Agent;
import dev.drover.agent.config.ConfigLoader;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's workflows card in headless chromium: a run shown as its DAG with live states, an
 * approval approved from the page, the run followed to its end without a reload. Saves
 * docs/images/agent-workflow.png.
 */
class WorkflowPageBrowserTest {

    private static final Duration SEEN = Duration.ofSeconds(15);
    private static final String OPERATOR = "workflow-page-operator";
    private static final Path IMAGES = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/images");

    @Test
    void aRunIsShownAsItsGraphAndApprovedFromThePage(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        Files.createDirectories(temp.resolve("workflows"));
        Files.writeString(temp.resolve("workflows/model-switch.yml"), """
                inputs:
                  nodes: [lab1, lab2, lab3]
                steps:
                  - {id: download, type: shell, command: "echo fetched model.gguf"}
                  - {id: verify, type: shell, needs: download, command: "echo sha256 ok"}
                  - id: warm
                    type: shell
                    needs: download
                    for_each: "{{ inputs.nodes }}"
                    concurrency: 3
                    command: "echo warmed {{ item }}"
                  - {id: approve, type: approval, needs: [verify, warm], prompt: "switch traffic to the new model?", expires_after: 1h}
                  - {id: switch, type: shell, needs: approve, command: "echo switched"}
                """);
        Files.writeString(temp.resolve("agent.yml"), """
                bind: 127.0.0.1
                port: 0
                data_dir: %s
                docker:
                  host: unix://%s
                auth:
                  tokens:
                    - {name: ops, role: operator, sha256: %s}
                """.formatted(temp.resolve("data"), temp.resolve("no-docker.sock"), sha256(OPERATOR)));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor("document.getElementById('wf-reason').textContent === 'No runs yet.'", SEEN);
            browser.evaluate("window.noReload = true; true");
            HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workflows/model-switch/runs"))
                    .header("Authorization", "Bearer " + OPERATOR).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(201);

            String approve = "document.querySelector('#wf-graph .wf-step[data-step=\"approve\"]')";
            browser.waitFor(approve + " && " + approve + ".dataset.status === 'waiting'", SEEN);
            // The DAG in columns: download first; verify and warm side by side; then approve, then switch.
            assertThat(browser.text("[...document.querySelectorAll('#wf-graph .wf-col')].map(c => "
                    + "[...c.querySelectorAll('.wf-step')].map(s => s.dataset.step).join('+')).join(' > ')"))
                    .isEqualTo("download > verify+warm > approve > switch");
            assertThat(browser.text("document.querySelector('#wf-graph .wf-step[data-step=\"warm\"]').textContent")).contains("3/3 items done");
            assertThat(browser.text(approve + ".textContent")).contains("switch traffic to the new model?");
            browser.screenshot(IMAGES.resolve("agent-workflow.png"), 1280);

            browser.evaluate("document.getElementById('token').value = '" + OPERATOR + "'; "
                    + approve + ".querySelector('button[data-decision=approve]').click(); true");
            browser.waitFor("document.querySelector('#wf-graph .wf-step[data-step=\"switch\"]').dataset.status === 'done'", SEEN);
            browser.waitFor("document.querySelector('#wf-runs .pill').textContent === 'succeeded'", SEEN);
            assertThat(browser.text("document.getElementById('wf-msg').textContent")).isEqualTo("Approved approve.");
            assertThat(browser.text("document.getElementById('wf-run-title').textContent")).isEqualTo("Run of model-switch: succeeded");
            assertThat(browser.text("String(window.noReload)")).isEqualTo("true");
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
