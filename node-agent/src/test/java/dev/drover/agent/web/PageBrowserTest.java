package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.cluster.PrivateDockerd;
import dev.drover.agent.node.NodeProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in Debian's headless chromium, checked for what a person sees: the node's name,
 * a failing check shown as failing, an error for a bad token, and a live update (over SSE, no
 * reload) after the check's file appears. Saves the screenshots README shows into docs/images/.
 *
 * Skips only when /usr/bin/chromium is absent and -Ddrover.browser is not set (tests/run sets it).
 * Containers come from a private dockerd when one can run here, so the panel shows real ones.
 */
class PageBrowserTest {

    private static final Duration SEEN = Duration.ofSeconds(10);
    private static final Path IMAGES = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/images");

    @Test
    void pageShowsTheNodeAndFollowsACheckLive(@TempDir Path temp) throws Exception {
        if (System.getProperty("drover.browser") == null) {
            Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "chromium is not installed");
        }
        Path srv = Files.createDirectories(Files.createTempDirectory("drover-page-").resolve("srv/app"));
        Path ready = srv.resolve("READY");
        Path maintenance = srv.resolve("maintenance-window");
        List<PageFixtureServer.FixtureCheck> checks = List.of(
                PageFixtureServer.fileExists("/etc/drover/checks/app.yml", ready, false),
                new PageFixtureServer.FixtureCheck("/etc/drover/checks/app.yml", "process", "java", "running", "true",
                        false, () -> "true", () -> true),
                PageFixtureServer.fileExists("/etc/drover/checks/app.yml", maintenance, true),
                new PageFixtureServer.FixtureCheck("/etc/drover/checks/node.yml", "disk", "/", "used_percent", "lt: 95",
                        false, () -> String.valueOf(rootUsedPercent()), () -> rootUsedPercent() < 95),
                new PageFixtureServer.FixtureCheck("/etc/drover/checks/node.yml", "memory", "memory", "available_mb",
                        "gt: 256", false, () -> String.valueOf(new NodeProbe().read().memoryAvailableMb()),
                        () -> new NodeProbe().read().memoryAvailableMb() > 256),
                new PageFixtureServer.FixtureCheck("/etc/drover/checks/node.yml", "kernel-param", "kernel.ostype",
                        "value", "Linux", false, () -> "Linux", () -> true));

        try (PrivateDockerd docker = startDockerIfPossible();
             PageFixtureServer agent = new PageFixtureServer(checks, docker == null
                     ? "unix://" + temp.resolve("no-docker.sock") : docker.host());
             HeadlessChromium browser = new HeadlessChromium()) {
            if (docker != null) {
                docker.docker("run", "-d", "--name", "llama-expert", "--network", "none", "--health-cmd", "true",
                        "--health-interval", "1s", PrivateDockerd.IMAGE, "sleep", "600");
                docker.docker("run", "-d", "--name", "consul", "--network", "none", PrivateDockerd.IMAGE, "sleep", "600");
                docker.docker("run", "--name", "migrate-db", "--network", "none", PrivateDockerd.IMAGE, "true");
            }
            // some history: the app was ready for a few runs, then its READY file went away
            Files.createFile(ready);
            for (int i = 0; i < 6; i++) {
                agent.runAll();
            }
            Files.delete(ready);
            for (int i = 0; i < 3; i++) {
                agent.runAll();
            }

            browser.emulate(1280, 900, false, "light");
            browser.navigate(agent.url());
            String hostname = new NodeProbe().read().hostname();
            browser.waitFor("document.getElementById('hostname').textContent === '" + hostname + "'", SEEN);
            browser.waitFor("document.getElementById('live').textContent === 'live'", SEEN);

            String failingRow = "document.querySelector(\"section.file tr.check-row td.what .id\") && [...document.querySelectorAll('tr.check-row')]"
                    + ".find(r => r.querySelector('.id').textContent === 'file " + ready + "')";
            browser.waitFor(failingRow, SEEN);
            assertThat(browser.text(failingRow + ".dataset.outcome")).isEqualTo("fail");
            assertThat(browser.text(failingRow + ".querySelector('.pill').textContent")).isEqualTo("fail");
            assertThat(browser.text(failingRow + ".querySelector('.ef').innerText")).contains("expected true", "found false");
            assertThat(browser.text("document.getElementById('banner-title').textContent")).isEqualTo("Failing: 1 check");
            assertThat(browser.text("document.getElementById('banner').getAttribute('aria-live')")).isEqualTo("polite");
            assertThat(browser.text("document.querySelector('section.file').dataset.file"))
                    .as("the file with the failure comes first").isEqualTo("/etc/drover/checks/app.yml");
            assertThat(browser.evaluate("document.querySelectorAll('section.file[data-file=\"/etc/drover/checks/app.yml\"] .history i').length").asInt())
                    .isEqualTo(9);
            assertThat(browser.text("[...document.querySelectorAll('tr.check-row')].find(r => r.querySelector('.id').textContent === 'file "
                    + maintenance + "').dataset.outcome")).isEqualTo("warn");
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
            browser.evaluate("window.sameDocument = 'yes'");
            Files.createFile(ready);
            HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.url() + "api/v1/checks/run"))
                    .header("Authorization", "Bearer " + PageFixtureServer.TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(run.statusCode()).isEqualTo(200);
            browser.waitFor(failingRow + ".dataset.outcome === 'pass'", SEEN);
            browser.waitFor("document.getElementById('banner-title').textContent === 'Healthy with 1 warning'", SEEN);
            assertThat(browser.text("document.getElementById('banner').dataset.state")).isEqualTo("warning");
            assertThat(browser.text("window.sameDocument")).as("no reload").isEqualTo("yes");
            browser.waitFor("document.querySelectorAll('section.file[data-file=\"/etc/drover/checks/app.yml\"] .history i').length === 10", SEEN);

            browser.evaluate("document.getElementById('run-msg').hidden = true");
            browser.emulate(390, 844, true, "light");
            Thread.sleep(600);
            browser.screenshot(IMAGES.resolve("agent-status-phone.png"), 390);
            browser.emulate(1280, 900, false, "dark");
            Thread.sleep(600);
            browser.screenshot(IMAGES.resolve("agent-status-dark.png"), 1280);
        } finally {
            deleteTree(srv.getParent().getParent());
        }
    }

    private static double rootUsedPercent() {
        return new NodeProbe().read().disks().stream().filter(d -> d.mount().equals("/")).findFirst()
                .map(d -> d.usedPercent()).orElse(0.0);
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
