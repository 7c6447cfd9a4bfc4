package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.Agent;
import dev.drover.agent.cluster.PrivateDockerd;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.node.NodeProbe;
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
 * The status page of a real agent (started here on a random loopback port, with two Goss-format
 * check files) in Debian's headless chromium, checked for what a person sees: the node's name, a
 * failing check shown as failing, a plain error for a bad token, and a live update over SSE, with
 * no reload, after the file the check expects appears and someone runs the checks. Saves the
 * screenshots README shows into docs/images/.
 *
 * Skips only when /usr/bin/chromium is absent and -Ddrover.browser is not set (tests/run sets it).
 * Containers come from a private dockerd (PrivateDockerd) when one can run here.
 */
class PageBrowserTest {

    private static final Duration SEEN = Duration.ofSeconds(10);
    private static final String OPERATOR_TOKEN = "page-test-operator-token";
    private static final Path IMAGES = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/images");

    @Test
    void pageShowsTheNodeAndFollowsACheckLive(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        // short paths: they are what the page shows as check ids
        Path srv = Files.createDirectories(Files.createTempDirectory(Path.of("/tmp"), "page-").resolve("srv/app"));
        Path ready = srv.resolve("READY");
        Path maintenance = srv.resolve("maintenance-window");
        Path checks = Files.createDirectories(temp.resolve("checks"));
        Files.writeString(checks.resolve("app.yml"), """
                file:
                  %s:
                    title: the deploy marker
                    exists: true
                  %s:
                    title: maintenance announced
                    severity: warn
                    exists: true
                process:
                  java:
                    running: true
                """.formatted(ready, maintenance));
        Files.writeString(checks.resolve("node.yml"), """
                disk:
                  /:
                    used_percent: {lt: 95}
                memory:
                  ram:
                    available_mb: {gt: 256}
                kernel-param:
                  kernel.ostype:
                    value: Linux
                """);

        try (PrivateDockerd docker = startDockerIfPossible()) {
            String dockerHost = docker == null ? "unix://" + temp.resolve("no-docker.sock") : docker.host();
            Files.writeString(temp.resolve("agent.yml"), """
                    bind: 127.0.0.1
                    port: 0
                    data_dir: %s
                    checks:
                      - {path: %s, interval: 1h}
                      - {path: %s, interval: 1h}
                    auth:
                      read_open: true
                      tokens:
                        - {name: ops, role: operator, sha256: %s}
                    docker:
                      host: %s
                    """.formatted(temp.resolve("data"), checks.resolve("app.yml"), checks.resolve("node.yml"),
                    sha256(OPERATOR_TOKEN), dockerHost));
            if (docker != null) {
                docker.docker("run", "-d", "--name", "llama-expert", "--network", "none", "--health-cmd", "true",
                        "--health-interval", "1s", PrivateDockerd.IMAGE, "sleep", "600");
                docker.docker("run", "-d", "--name", "consul", "--network", "none", PrivateDockerd.IMAGE, "sleep", "600");
                docker.docker("run", "--name", "migrate-db", "--network", "none", PrivateDockerd.IMAGE, "true");
            }
            try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
                 HeadlessChromium browser = new HeadlessChromium()) {
                String url = "http://127.0.0.1:" + agent.port() + "/";
                // some history: the app was ready for a few runs, then its READY file went away
                Files.createFile(ready);
                for (int i = 0; i < 5; i++) {
                    assertThat(runChecks(url).statusCode()).isEqualTo(200);
                }
                Files.delete(ready);
                for (int i = 0; i < 3; i++) {
                    assertThat(runChecks(url).statusCode()).isEqualTo(200);
                }
                String appFile = checks.resolve("app.yml").toString();
                String appRuns = "document.querySelectorAll('section.file[data-file=\"" + appFile + "\"] .history i').length";

                browser.emulate(1280, 900, false, "light");
                browser.navigate(url);
                String hostname = new NodeProbe().read().hostname();
                browser.waitFor("document.getElementById('hostname').textContent === '" + hostname + "'", SEEN);
                browser.waitFor("document.getElementById('live').textContent === 'live'", SEEN);

                String readyRow = "[...document.querySelectorAll('tr.check-row')].find(r => r.querySelector('.id').textContent === 'file "
                        + ready + "')";
                browser.waitFor(readyRow, SEEN);
                assertThat(browser.text(readyRow + ".dataset.outcome")).isEqualTo("fail");
                assertThat(browser.text(readyRow + ".querySelector('.pill').textContent")).isEqualTo("fail");
                assertThat(browser.text(readyRow + ".querySelector('.ef').textContent")).contains("expected true", "found false");
                assertThat(browser.text("document.getElementById('banner-title').textContent")).isEqualTo("Failing: 1 check");
                assertThat(browser.text("document.getElementById('banner').getAttribute('aria-live')")).isEqualTo("polite");
                assertThat(browser.text("document.querySelector('section.file').dataset.file"))
                        .as("the file with the failure comes first").isEqualTo(appFile);
                assertThat(browser.text("[...document.querySelectorAll('tr.check-row')].find(r => r.querySelector('.id').textContent === 'file "
                        + maintenance + "').dataset.outcome")).isEqualTo("warn");
                browser.waitFor(appRuns + " >= 8", SEEN);
                if (docker != null) {
                    browser.waitFor("[...document.querySelectorAll('#containers tr')].some(r => r.textContent.includes('llama-expert') && r.textContent.includes('healthy'))", Duration.ofSeconds(20));
                    assertThat(browser.text("document.getElementById('containers').textContent")).contains("consul", "migrate-db", "exited");
                } else {
                    assertThat(browser.text("document.getElementById('docker-reason').textContent")).contains("Docker unavailable");
                }
                Thread.sleep(600); // let the bars finish their transition
                browser.screenshot(IMAGES.resolve("agent-status.png"), 1280);

                // a bad token gets a plain answer in the page
                browser.evaluate("document.getElementById('token').value = 'wrong'; document.getElementById('run').click(); true");
                browser.waitFor("!document.getElementById('run-msg').hidden", SEEN);
                assertThat(browser.text("document.getElementById('run-msg').textContent")).startsWith("401 Unauthorized");

                // the check's file appears and someone else runs the checks: the page follows without a reload
                int runsBefore = browser.evaluate(appRuns).asInt();
                browser.evaluate("window.sameDocument = 'yes'");
                Files.createFile(ready);
                assertThat(runChecks(url).statusCode()).isEqualTo(200);
                browser.waitFor(readyRow + ".dataset.outcome === 'pass'", SEEN);
                browser.waitFor("document.getElementById('banner-title').textContent === 'Healthy with 1 warning'", SEEN);
                assertThat(browser.text("document.getElementById('banner').dataset.state")).isEqualTo("warning");
                assertThat(browser.text("window.sameDocument")).as("no reload").isEqualTo("yes");
                browser.waitFor(appRuns + " === " + (runsBefore + 1), SEEN);

                browser.evaluate("document.getElementById('run-msg').hidden = true; document.getElementById('token').value = ''");
                browser.emulate(390, 844, true, "light");
                Thread.sleep(600);
                browser.screenshot(IMAGES.resolve("agent-status-phone.png"), 390);
                browser.emulate(1280, 900, false, "dark");
                Thread.sleep(600);
                browser.screenshot(IMAGES.resolve("agent-status-dark.png"), 1280);
            }
        } finally {
            deleteTree(srv.getParent().getParent());
        }
    }

    @Test
    void aViewersTokenIsRefusedPlainlyAndKept(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        String viewer = "page-test-viewer-token";
        Path checks = Files.writeString(temp.resolve("node.yml"), "kernel-param:\n  kernel.ostype:\n    value: Linux\n");
        Files.writeString(temp.resolve("agent.yml"), """
                bind: 127.0.0.1
                port: 0
                data_dir: %s
                checks:
                  - {path: %s, interval: 1h}
                auth:
                  read_open: true
                  tokens:
                    - {name: alice, role: viewer, sha256: %s}
                docker:
                  host: unix://%s
                """.formatted(temp.resolve("data"), checks, sha256(viewer), temp.resolve("no-docker.sock")));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            browser.navigate("http://127.0.0.1:" + agent.port() + "/");
            browser.waitFor("document.getElementById('hostname').textContent === '" + new NodeProbe().read().hostname() + "'", SEEN);
            browser.waitFor("document.querySelectorAll('tr.check-row').length === 1", SEEN);
            assertThat(browser.text("document.getElementById('banner-title').textContent")).isEqualTo("Healthy");
            assertThat(browser.text("document.getElementById('containers-card').dataset.available")).isEqualTo("false");
            assertThat(browser.text("document.getElementById('docker-reason').textContent"))
                    .startsWith("Docker unavailable: no Docker socket at");
            browser.waitFor("document.getElementById('power-reason').textContent === 'Not configured.'", SEEN);
            assertThat(browser.text("String(document.getElementById('power-table').hidden)")).isEqualTo("true");

            browser.evaluate("document.getElementById('token').value = '" + viewer + "'; document.getElementById('run').click(); true");
            browser.waitFor("!document.getElementById('run-msg').hidden", SEEN);
            assertThat(browser.text("document.getElementById('run-msg').textContent")).startsWith("403 Forbidden");
            assertThat(browser.text("localStorage.getItem('drover.token')")).isEqualTo(viewer);

            // the token survives a reload, and the page still reads with it
            browser.navigate("http://127.0.0.1:" + agent.port() + "/");
            browser.waitFor("document.getElementById('token').value === '" + viewer + "'", SEEN);
            browser.waitFor("document.querySelectorAll('tr.check-row').length === 1", SEEN);
        }
    }

    @Test
    void aRateLimitedRunSaysWhenToTryAgain(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        Path checks = Files.writeString(temp.resolve("node.yml"), "kernel-param:\n  kernel.ostype:\n    value: Linux\n");
        Files.writeString(temp.resolve("agent.yml"), """
                bind: 127.0.0.1
                port: 0
                data_dir: %s
                checks:
                  - {path: %s, interval: 1h}
                rate_limit: {requests_per_second: 0.1, burst: 20}
                auth:
                  tokens:
                    - {name: ops, role: operator, sha256: %s}
                docker:
                  host: unix://%s
                """.formatted(temp.resolve("data"), checks, sha256(OPERATOR_TOKEN), temp.resolve("no-docker.sock")));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            browser.navigate("http://127.0.0.1:" + agent.port() + "/");
            browser.waitFor("document.querySelectorAll('tr.check-row').length === 1", SEEN);
            browser.evaluate("document.getElementById('token').value = '" + OPERATOR_TOKEN + "'; true");
            String message = "";
            for (int click = 0; click < 20 && !message.startsWith("429"); click++) {
                browser.evaluate("document.getElementById('run-msg').hidden = true; document.getElementById('run').click(); true");
                browser.waitFor("!document.getElementById('run-msg').hidden && !document.getElementById('run').disabled", SEEN);
                message = browser.text("document.getElementById('run-msg').textContent");
                assertThat(message).matches("Ran 1 check file\\.|429 .*");
            }
            assertThat(message).matches("429 Too many requests: try again in \\d+ s\\.");
        }
    }

    @Test
    void thePowerPanelWakesASleepingNodeAndAsksBeforeASleep(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        Files.writeString(temp.resolve("agent.yml"), """
                bind: 127.0.0.1
                port: 0
                data_dir: %s
                auth:
                  tokens:
                    - {name: ops, role: operator, sha256: %s}
                docker: {enabled: false}
                power:
                  self: a
                  probe_interval: 500ms
                  nodes:
                    - {name: a, address: 127.0.0.1, mac: "52:54:00:00:00:0a"}
                    - {name: b, address: 192.0.2.10, mac: "52:54:00:00:00:0b"}
                """.formatted(temp.resolve("data"), sha256(OPERATOR_TOKEN)));
        // Packets and sleeps are recorded, never sent or run; b never answers a probe.
        java.util.List<java.net.InetSocketAddress> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<java.util.List<String>> slept = new java.util.concurrent.CopyOnWriteArrayList<>();
        var devices = new dev.drover.agent.power.PowerManager.Devices((source, to, payload) -> sent.add(to), slept::add,
                node -> false);
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")), devices);
             HeadlessChromium browser = new HeadlessChromium()) {
            browser.navigate("http://127.0.0.1:" + agent.port() + "/");
            String b = "document.querySelector('#power-nodes tr[data-node=\"b\"]')";
            String a = "document.querySelector('#power-nodes tr[data-node=\"a\"]')";
            browser.waitFor(b + " && " + b + ".querySelector('.power-state').textContent === 'unreachable'", SEEN);
            assertThat(browser.text(a + ".querySelector('.power-state').textContent")).isEqualTo("awake");
            assertThat(browser.text(a + ".textContent")).contains("(this node)");

            browser.evaluate("document.getElementById('token').value = 'not-a-token'; "
                    + b + ".querySelector('button[data-action=wake]').click(); true");
            browser.waitFor("!document.getElementById('power-msg').hidden", SEEN);
            assertThat(browser.text("document.getElementById('power-msg').textContent")).startsWith("401 Unauthorized");
            assertThat(sent).isEmpty();

            browser.evaluate("document.getElementById('power-msg').hidden = true; document.getElementById('token').value = '"
                    + OPERATOR_TOKEN + "'; " + b + ".querySelector('button[data-action=wake]').click(); true");
            browser.waitFor("!document.getElementById('power-msg').hidden", SEEN);
            assertThat(browser.text("document.getElementById('power-msg').textContent")).isEqualTo("Sent 6 magic packets to wake b.");
            assertThat(sent).hasSize(6);
            browser.waitFor(b + ".querySelector('.power-state').textContent.startsWith('waking · ')", SEEN);
            browser.waitFor("document.getElementById('power-events').textContent.includes('wake b · api (ops) · ok')", SEEN);

            // Sleep asks first, inline; Cancel does nothing.
            browser.evaluate(a + ".querySelector('button[data-action=sleep]').click(); true");
            browser.waitFor("!document.getElementById('power-confirm').hidden", SEEN);
            assertThat(browser.text("document.getElementById('power-confirm-text').textContent")).isEqualTo("Put a to sleep?");
            browser.evaluate("document.getElementById('power-confirm-no').click(); true");
            browser.waitFor("document.getElementById('power-confirm').hidden", SEEN);
            Thread.sleep(1500);
            assertThat(slept).isEmpty();
            browser.evaluate(a + ".querySelector('button[data-action=sleep]').click(); "
                    + "document.getElementById('power-confirm-yes').click(); true");
            browser.waitFor("document.getElementById('power-msg').textContent === 'a is going to sleep.'", SEEN);
            long deadline = System.nanoTime() + SEEN.toNanos();
            while (slept.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(slept).containsExactly(java.util.List.of("systemctl", "suspend"));
            browser.screenshot(IMAGES.resolve("agent-power.png"), 1280);
        }
    }

    @Test
    void theNomadPanelShowsThisNodesAllocationsAndTheJobsLive(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        try (dev.drover.nomad.NomadDouble nomad = new dev.drover.nomad.NomadDouble()) {
            Files.writeString(temp.resolve("agent.yml"), """
                    bind: 127.0.0.1
                    port: 0
                    data_dir: %s
                    docker: {enabled: false}
                    nomad:
                      address: %s
                      node: node-1
                    """.formatted(temp.resolve("data"), nomad.address()));
            var client = new dev.drover.nomad.NomadClient(dev.drover.nomad.NomadSettings.at(nomad.address()));
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            // 3000 MB each on three nodes of 4096 MB: "web" lands on node-1 (this node), "api" elsewhere.
            client.register(dev.drover.nomad.NomadClient.jobOfJsonFile(json.readTree(nomadJob("web", 3000))),
                    java.util.OptionalLong.empty());
            try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
                 HeadlessChromium browser = new HeadlessChromium()) {
                browser.navigate("http://127.0.0.1:" + agent.port() + "/");
                String web = "document.querySelector('#nomad-allocs tr[data-job=\"web\"]')";
                browser.waitFor(web + " && " + web + ".querySelector('.pill').textContent === 'running'", SEEN);
                assertThat(browser.text(web + ".textContent")).contains("web.app[0]").contains("service").contains("main running");
                assertThat(browser.text("document.querySelector('#nomad-jobs tr[data-job=\"web\"]').textContent"))
                        .contains("web").contains("running");
                assertThat(browser.text("String(document.getElementById('nomad-reason').hidden)")).isEqualTo("true");

                // Live, without a reload: a new job appears, and this node's allocation follows a stop.
                browser.evaluate("window.noReload = true; true");
                client.register(dev.drover.nomad.NomadClient.jobOfJsonFile(json.readTree(nomadJob("api", 3000))),
                        java.util.OptionalLong.empty());
                browser.waitFor("document.querySelector('#nomad-jobs tr[data-job=\"api\"]') !== null", SEEN);
                assertThat(browser.text("document.querySelectorAll('#nomad-allocs tr.nomad-alloc').length + ''")).isEqualTo("1");
                browser.waitFor("document.querySelector('#nomad-jobs tr[data-job=\"api\"] .pill').textContent === 'running'", SEEN);
                browser.screenshot(IMAGES.resolve("agent-nomad.png"), 1280);
                client.stop("web", false);
                browser.waitFor(web + ".querySelector('.pill').textContent === 'complete'", SEEN);
                browser.waitFor("document.querySelector('#nomad-jobs tr[data-job=\"web\"] .pill').textContent === 'dead'", SEEN);
                assertThat(browser.text("String(window.noReload)")).isEqualTo("true");

                // Nomad goes away: the panel greys and says why; the page keeps working.
                nomad.close();
                browser.waitFor("document.getElementById('nomad-card').dataset.available === 'false'", SEEN);
                assertThat(browser.text("document.getElementById('nomad-reason').textContent")).startsWith("Nomad unavailable: ")
                        .contains("cannot reach Nomad");
            }
        }
    }

    private static String nomadJob(String id, int memoryMb) {
        return "{\"Job\": {\"ID\": \"" + id + "\", \"Type\": \"service\", \"Datacenters\": [\"dc1\"], \"TaskGroups\": [{\"Name\": \"app\","
                + " \"Count\": 1, \"Tasks\": [{\"Name\": \"main\", \"Driver\": \"raw_exec\", \"Config\": {\"command\": \"sleep\"},"
                + " \"Resources\": {\"MemoryMB\": " + memoryMb + "}}]}]}}";
    }

    private static HttpResponse<String> runChecks(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/v1/checks/run"))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static PrivateDockerd startDockerIfPossible() {
        if (PrivateDockerd.missingPrerequisite() != null) {
            return null;
        }
        try {
            return PrivateDockerd.start();
        } catch (Exception e) {
            System.err.println("page test without containers: " + e.getMessage());
            return null;
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
