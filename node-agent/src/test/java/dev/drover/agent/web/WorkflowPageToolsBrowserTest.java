package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.Agent;
import dev.drover.agent.config.ConfigLoader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows card's operator tools in headless chromium: approvals of a for_each step decided
 * per item, a workflow file checked on the page with its mistake shown at its line, runs beyond
 * the first page and filtered, and circuit breakers (an open one stands out and is reset). Each is
 * checked on the page and over the API. Saves docs/images/agent-workflow-tools.png.
 */
class WorkflowPageToolsBrowserTest {

    private static final Duration SEEN = Duration.ofSeconds(15);
    private static final String OPERATOR = "workflow-tools-operator";
    private static final String VIEWER = "workflow-tools-viewer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IMAGES = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/images");
    private static final String STEP = "document.querySelector('#wf-graph .wf-step[data-step=\"%s\"]')";
    private static final String MSG = "document.getElementById('wf-msg').textContent";

    @Test
    void eachItemOfAForEachApprovalIsDecidedOnThePage(@TempDir Path temp) throws Exception {
        writeAgent(temp, "", Map.of("roll", """
                inputs:
                  nodes: [lab1, lab2, lab3]
                steps:
                  - id: ask
                    type: approval
                    for_each: "{{ inputs.nodes }}"
                    concurrency: 3
                    prompt: "restart {{ item }}?"
                    expires_after: 1h
                  - {id: done, type: shell, needs: ask, command: "echo all agreed"}
                """));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor("document.getElementById('wf-reason').textContent === 'No runs yet.'", SEEN);
            // Nothing to filter or page yet: no filters, no Older runs.
            assertThat(browser.text("getComputedStyle(document.getElementById('wf-filters')).display")).isEqualTo("none");
            assertThat(browser.text("getComputedStyle(document.getElementById('wf-older')).display")).isEqualTo("none");
            String id = start(base, "roll");
            String items = STEP.formatted("ask") + "?.querySelectorAll('.wf-items li')";
            browser.waitFor(items + "?.length === 3", SEEN);
            // Each item with its own question and its own buttons, named for screen readers.
            assertThat(browser.text("[..." + items + "].map(li => li.dataset.item + ':' + li.querySelector('.sub').textContent"
                    + ".replace(/ \\(until.*/, '')).join('; ')"))
                    .isEqualTo("0:lab1: restart lab1?; 1:lab2: restart lab2?; 2:lab3: restart lab3?");
            assertThat(browser.text("[..." + items + "][1].querySelector('button').getAttribute('aria-label')"))
                    .isEqualTo("Approve lab2 of ask");
            // The API names the items too: in the step's detail while it runs.
            assertThat(step(get(base, "/api/v1/workflows/runs/" + id), "ask").path("detail").path("items").toString())
                    .isEqualTo("[\"lab1\",\"lab2\",\"lab3\"]");

            // A viewer may not; an operator approves the middle one: only it moves on.
            decide(browser, VIEWER, 1, "approve");
            browser.waitFor(MSG + ".startsWith('403')", SEEN);
            assertThat(browser.text(MSG)).isEqualTo("403 Forbidden: this token's role cannot approve or reject steps (needs operator or admin).");
            decide(browser, OPERATOR, 1, "approve");
            browser.waitFor(MSG + " === 'Approved ask lab2.'", SEEN);
            browser.waitFor(items + ".length === 2", SEEN);
            assertThat(browser.text("[..." + items + "].map(li => li.dataset.item).join(',')")).isEqualTo("0,2");
            JsonNode ask = step(get(base, "/api/v1/workflows/runs/" + id), "ask");
            assertThat(ask.path("items").get(1).path("status").asText()).isEqualTo("done");
            assertThat(ask.path("items").get(1).path("outputs").path("by").asText()).isEqualTo("ops");
            assertThat(ask.path("items").get(0).path("status").asText()).isEqualTo("waiting");

            decide(browser, OPERATOR, 2, "approve");
            browser.waitFor(MSG + " === 'Approved ask lab3.'", SEEN);
            decide(browser, OPERATOR, 0, "approve");
            browser.waitFor("document.getElementById('wf-run-title').textContent === 'Run of roll: succeeded'", SEEN);
            assertThat(browser.text(MSG)).isEqualTo("Approved ask lab1.");
            assertThat(browser.text("String(" + STEP.formatted("ask") + ".querySelector('.wf-items'))")).isEqualTo("null");
            assertThat(browser.text(STEP.formatted("ask") + ".textContent")).contains("3/3 items done");
            JsonNode run = get(base, "/api/v1/workflows/runs/" + id);
            assertThat(run.path("status").asText()).isEqualTo("succeeded");
            assertThat(step(run, "done").path("outputs").path("stdout").asText()).isEqualTo("all agreed");
        }
    }

    @Test
    void aWorkflowFileIsCheckedOnThePageWithItsMistakeAtItsLine(@TempDir Path temp) throws Exception {
        writeAgent(temp, "", Map.of("hello", "steps:\n  - {id: hi, type: shell, command: \"echo hi\"}\n"));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor("document.querySelector('#wf-defs li[data-workflow=hello]')", SEEN);
            browser.evaluate("document.querySelector('#wf-check summary').click(); true");
            assertThat(browser.text("String(document.getElementById('wf-check').open)")).isEqualTo("true");

            String bad = "description: restart nginx\nsteps:\n  - {id: stop, type: shell, command: \"systemctl stop nginx\"}\n"
                    + "  - {id: start, type: shell, needs: stop, comand: \"systemctl start nginx\"}\n";
            check(browser, "nginx.yml", bad, VIEWER);
            browser.waitFor("!document.getElementById('wf-check-msg').hidden", SEEN);
            assertThat(browser.text("document.getElementById('wf-check-msg').textContent"))
                    .isEqualTo("403 Forbidden: this token's role cannot validate workflows (needs operator or admin).");

            check(browser, "nginx.yml", bad, OPERATOR);
            browser.waitFor("document.getElementById('wf-check-msg').textContent.startsWith('Line')", SEEN);
            assertThat(browser.text("document.getElementById('wf-check-msg').textContent"))
                    .startsWith("Line 4, column 43: step 'start': unknown key 'comand' for a shell step");
            assertThat(browser.text("document.getElementById('wf-check-msg').dataset.kind")).isEqualTo("error");
            // The line is marked beside the text, and the caret is put where the mistake is.
            assertThat(browser.text("[...document.querySelectorAll('#wf-gutter .wf-bad')].map(s => s.dataset.line).join(',')")).isEqualTo("4");
            assertThat(browser.text("document.querySelectorAll('#wf-gutter span').length + ''")).isEqualTo("5");
            assertThat(browser.text("document.activeElement.id")).isEqualTo("wf-yaml");
            assertThat(browser.text("(() => { const a = document.getElementById('wf-yaml'); "
                    + "return a.value.slice(a.selectionStart, a.selectionStart + 6); })()")).isEqualTo("comand");
            browser.screenshot(Path.of("target/agent-workflow-check.png"), 1280);

            // Fixed in place: valid, and the mark is gone.
            check(browser, "nginx.yml", bad.replace("comand", "command"), OPERATOR);
            browser.waitFor("document.getElementById('wf-check-msg').textContent.startsWith('Valid')", SEEN);
            assertThat(browser.text("document.getElementById('wf-check-msg').textContent")).isEqualTo("Valid: workflow nginx with 2 steps.");
            assertThat(browser.text("document.querySelectorAll('#wf-gutter .wf-bad').length + ''")).isEqualTo("0");
            // Checking is not installing: the agent's workflows are as they were.
            assertThat(get(base, "/api/v1/workflows").findValuesAsText("name")).containsExactly("hello");
        }
    }

    @Test
    void anInstalledFileOpensInTheCheckerAndAReloadShowsOnThePageAtOnce(@TempDir Path temp) throws Exception {
        String hello = "# greets\nsteps:\n  - {id: hi, type: shell, command: \"echo hi\"}\n";
        writeAgent(temp, "", Map.of("hello", hello));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor("document.querySelector('#wf-defs li[data-workflow=hello]')", SEEN);
            browser.waitFor("document.getElementById('live').dataset.state === 'live'", SEEN);

            browser.evaluate("document.querySelector('button[data-source=hello]').click(); true");
            browser.waitFor("document.getElementById('wf-yaml').value.length > 0", SEEN);
            assertThat(browser.text("document.getElementById('wf-yaml').value")).isEqualTo(hello);
            assertThat(browser.text("document.getElementById('wf-check-name').value")).isEqualTo("hello.yml");
            assertThat(browser.text("String(document.getElementById('wf-check').open)")).isEqualTo("true");
            assertThat(browser.text("document.getElementById('wf-check-msg').textContent"))
                    .startsWith("Loaded " + temp.resolve("workflows/hello.yml"));
            assertThat(get(base, "/api/v1/workflows/hello").path("source").asText()).isEqualTo(hello);
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workflows/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

            // A file installed beside it and reloaded (as the role does): the page lists it without being reloaded itself.
            Files.writeString(temp.resolve("workflows/bye.yml"), "description: waves\nsteps:\n  - {id: wave, type: shell, command: \"echo bye\"}\n");
            HttpResponse<String> reloaded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workflows/reload"))
                    .header("Authorization", "Bearer " + OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
            browser.waitFor("document.querySelector('#wf-defs li[data-workflow=bye]')", SEEN);
            assertThat(browser.text("document.querySelector('#wf-defs li[data-workflow=bye] .sub').textContent")).isEqualTo("waves");
            assertThat(browser.text("[...document.querySelectorAll('#wf-filter-workflow option')].map(o => o.value).join(',')"))
                    .isEqualTo(",bye,hello");
        }
    }

    @Test
    void runsBeyondTheFirstPageAndFilters(@TempDir Path temp) throws Exception {
        writeAgent(temp, "", Map.of(
                "quick", "steps:\n  - {id: say, type: shell, command: \"echo quick\"}\n",
                "broken", "steps:\n  - {id: fail, type: shell, command: \"exit 3\"}\n"));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            List<String> newestFirst = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                String id = start(base, i % 7 == 3 ? "broken" : "quick");
                awaitEnd(base, id);
                newestFirst.add(0, id);
            }
            List<String> failed = get(base, "/api/v1/workflows/runs?status=failed").findValuesAsText("id");
            assertThat(failed).hasSize(2);

            browser.navigate(base + "/");
            browser.waitFor("document.querySelectorAll('#wf-runs tr').length === 10", SEEN);
            String rows = "[...document.querySelectorAll('#wf-runs tr')].map(r => r.dataset.run).join(',')";
            assertThat(browser.text(rows)).isEqualTo(String.join(",", newestFirst.subList(0, 10)));
            assertThat(browser.text("String(document.getElementById('wf-older').hidden)")).isEqualTo("false");
            assertThat(browser.text("getComputedStyle(document.getElementById('wf-filters')).display")).isEqualTo("flex");

            browser.evaluate("document.getElementById('wf-older').click(); true");
            browser.waitFor("document.querySelectorAll('#wf-runs tr').length === 14", SEEN);
            assertThat(browser.text(rows)).isEqualTo(String.join(",", newestFirst));
            assertThat(browser.text("String(document.getElementById('wf-older').hidden)")).isEqualTo("true");

            // The page reads the newest runs again when its live stream (re)opens: the older ones it showed stay.
            browser.evaluate("window.refreshed = false; loadWorkflows().then(() => { window.refreshed = true; }); true");
            browser.waitFor("window.refreshed", SEEN);
            assertThat(browser.text(rows)).isEqualTo(String.join(",", newestFirst));

            // Only the failed ones; then of quick only: none failed.
            select(browser, "wf-filter-status", "failed");
            browser.waitFor("document.querySelectorAll('#wf-runs tr').length === 2", SEEN);
            assertThat(browser.text(rows)).isEqualTo(String.join(",", failed));
            assertThat(browser.text("[...document.querySelectorAll('#wf-runs tr')].map(r => r.innerText).join('|')"))
                    .contains("broken").doesNotContain("quick");
            select(browser, "wf-filter-workflow", "quick");
            browser.waitFor("!document.getElementById('wf-reason').hidden", SEEN);
            assertThat(browser.text("document.getElementById('wf-reason').textContent")).isEqualTo("No runs match these filters.");
            assertThat(browser.text("String(document.getElementById('wf-runs-table').hidden)")).isEqualTo("true");
            assertThat(browser.text("String(document.getElementById('wf-filters').hidden)")).isEqualTo("false");

            // A new run that does not match the filters stays out of the list while they hold.
            select(browser, "wf-filter-workflow", "");
            browser.waitFor("document.querySelectorAll('#wf-runs tr').length === 2", SEEN);
            String late = start(base, "quick");
            awaitEnd(base, late);
            browser.waitFor("document.getElementById('wf-run-title').textContent.startsWith('Run of')", SEEN);
            Thread.sleep(500); // the run's events have been heard by now (the page re-sends them every 250 ms)
            assertThat(browser.text(rows)).isEqualTo(String.join(",", failed));
            select(browser, "wf-filter-status", "");
            browser.waitFor("document.querySelectorAll('#wf-runs tr').length === 10", SEEN);
            assertThat(browser.text("document.querySelector('#wf-runs tr').dataset.run")).isEqualTo(late);
        }
    }

    @Test
    void anOpenCircuitBreakerStandsOutAndIsResetFromThePage(@TempDir Path temp) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort(); // nothing listens there once closed
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        writeAgent(temp, """
                workflows:
                  breakers:
                    failures: 2
                    cool_down: 10m
                    endpoints:
                      "http://127.0.0.1:8080": {failures: 3, cool_down: 30s}
                """, Map.of("notify", """
                description: tell the chat room
                steps:
                  - {id: tell, type: http, url: "%s/hook", json: {text: deployed}}
                """.formatted(endpoint)));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            String row = "document.querySelector('#wf-breakers tr[data-endpoint=\"%s\"]')";
            browser.waitFor(row.formatted("http://127.0.0.1:8080"), SEEN);
            assertThat(browser.text("document.getElementById('wf-breakers-h').textContent")).isEqualTo("Circuit breakers");
            assertThat(browser.text(row.formatted("http://127.0.0.1:8080") + ".innerText.replace(/\\s+/g, ' ').trim()"))
                    .isEqualTo("http://127.0.0.1:8080 CLOSED 0 of 3 in a row · cool-down 30s");

            awaitEnd(base, start(base, "notify"));
            awaitEnd(base, start(base, "notify"));
            String open = row.formatted(endpoint);
            browser.waitFor(open + "?.dataset.state === 'open'", SEEN);
            assertThat(browser.text("document.getElementById('wf-breakers-h').textContent")).isEqualTo("Circuit breakers · 1 open");
            assertThat(browser.text(open + ".querySelector('.pill').textContent")).isEqualTo("open");
            assertThat(browser.text(open + ".innerText")).contains("2 of 2 in a row · cool-down 10m", "next trial in 9m",
                    "last error just now: ConnectException");
            // Open stands out: its row is tinted with the page's failure colour, a closed one is not.
            assertThat(browser.text("getComputedStyle(" + open + ".querySelector('td')).backgroundColor"))
                    .isEqualTo(browser.text("getComputedStyle(document.querySelector('.pill[data-state=open]')).backgroundColor"));
            assertThat(browser.text("getComputedStyle(" + row.formatted("http://127.0.0.1:8080") + ".querySelector('td')).backgroundColor"))
                    .isNotEqualTo(browser.text("getComputedStyle(" + open + ".querySelector('td')).backgroundColor"));
            browser.screenshot(IMAGES.resolve("agent-workflow-tools.png"), 1280);
            // On a phone, the breakers, the filters and the file check still fit the screen.
            browser.emulate(390, 844, true, "dark");
            browser.evaluate("document.querySelector('#wf-check summary').click(); true");
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= 390").asBoolean()).isTrue();
            assertThat(browser.evaluate("document.getElementById('wf-yaml').getBoundingClientRect().right <= 390").asBoolean()).isTrue();
            browser.screenshot(Path.of("target/agent-workflow-tools-phone-dark.png"), 390);
            browser.evaluate("document.querySelector('#wf-check summary').click(); true");
            browser.emulate(1280, 900, false, "light");

            String msg = "document.getElementById('wf-breakers-msg').textContent";
            browser.evaluate("document.getElementById('token').value = '" + VIEWER + "'; "
                    + open + ".querySelector('button[data-reset]').click(); true");
            browser.waitFor(msg + ".startsWith('403')", SEEN);
            assertThat(browser.text(msg)).isEqualTo("403 Forbidden: this token's role cannot reset circuit breakers (needs operator or admin).");
            browser.evaluate("document.getElementById('token').value = '" + OPERATOR + "'; "
                    + open + ".querySelector('button[data-reset]').click(); true");
            browser.waitFor(msg + ".startsWith('Reset')", SEEN);
            assertThat(browser.text(msg)).isEqualTo("Reset the breaker of " + endpoint + ": closed, calls go through again.");
            browser.waitFor(open + ".dataset.state === 'closed'", SEEN);
            assertThat(browser.text("document.getElementById('wf-breakers-h').textContent")).isEqualTo("Circuit breakers");
            assertThat(browser.text("String(" + open + ".querySelector('button'))")).isEqualTo("null");
            assertThat(browser.text("document.activeElement.id")).isEqualTo("wf-breakers-msg");
            JsonNode breakers = get(base, "/api/v1/workflows/breakers");
            assertThat(breakers.findValuesAsText("state")).containsExactly("closed", "closed");
            assertThat(Files.readString(agent.auditLog())).contains("reset circuit breaker " + endpoint + " (was open)");
        }
    }

    /** Puts the token in the page's field and presses an item's button. */
    private static void decide(HeadlessChromium browser, String token, int item, String decision) throws Exception {
        browser.evaluate("document.getElementById('wf-msg').hidden = true; document.getElementById('wf-msg').textContent = ''; "
                + "document.getElementById('token').value = '" + token + "'; "
                + STEP.formatted("ask") + ".querySelector('.wf-items li[data-item=\"" + item + "\"] button[data-decision=" + decision + "]')"
                + ".click(); true");
    }

    /** Types a file name and YAML into the check form, as a person would, and presses Validate. */
    private static void check(HeadlessChromium browser, String name, String yaml, String token) throws Exception {
        browser.evaluate("document.getElementById('wf-check-msg').hidden = true; document.getElementById('wf-check-msg').textContent = ''; "
                + "document.getElementById('token').value = '" + token + "'; "
                + "document.getElementById('wf-check-name').value = " + JSON.writeValueAsString(name) + "; "
                + "(() => { const a = document.getElementById('wf-yaml'); a.value = " + JSON.writeValueAsString(yaml) + "; "
                + "a.dispatchEvent(new Event('input')); document.getElementById('wf-validate').click(); })(); true");
    }

    private static void select(HeadlessChromium browser, String id, String value) throws Exception {
        browser.evaluate("(() => { const s = document.getElementById('" + id + "'); s.value = " + JSON.writeValueAsString(value) + "; "
                + "s.dispatchEvent(new Event('change')); })(); true");
    }

    /** The agent's config (an operator's and a viewer's token, no Docker, {@code extra}) and its workflow files. */
    private static void writeAgent(Path temp, String extra, Map<String, String> workflows) throws Exception {
        WorkflowPageAgent.write(temp, OPERATOR, VIEWER, extra, workflows);
    }

    /** Starts a run over the API, as another operator would: its id. */
    private static String start(String base, String workflow) throws Exception {
        return WorkflowPageAgent.start(base, workflow, OPERATOR);
    }

    private static void awaitEnd(String base, String id) throws Exception {
        long deadline = System.nanoTime() + SEEN.toNanos();
        while (get(base, "/api/v1/workflows/runs/" + id).path("status").asText().equals("running")) {
            assertThat(System.nanoTime()).as("run " + id + " ends").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    private static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

}
