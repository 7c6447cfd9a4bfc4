package dev.drover.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.Agent;
import dev.drover.agent.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's workflows card in headless chromium: a run shown as its DAG with live states, an
 * approval approved from the page, the run followed to its end without a reload; a run started
 * from the page with inputs, a waiting run cancelled and a failed run retried, each checked on the
 * page and over the API. Saves docs/images/agent-workflow.png.
 */
class WorkflowPageBrowserTest {

    private static final Duration SEEN = Duration.ofSeconds(15);
    private static final String OPERATOR = "workflow-page-operator";
    private static final String VIEWER = "workflow-page-viewer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IMAGES = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("docs/images");

    @Test
    void aRunIsShownAsItsGraphAndApprovedFromThePage(@TempDir Path temp) throws Exception {
        writeAgent(temp, Map.of("model-switch", """
                description: fetch a model, warm it on the nodes, switch traffic once someone agrees
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
                """));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor("document.getElementById('wf-reason').textContent === 'No runs yet.'", SEEN);
            browser.evaluate("window.noReload = true; true");
            start(base, "model-switch");

            String approve = "document.querySelector('#wf-graph .wf-step[data-step=\"approve\"]')";
            browser.waitFor(approve + " && " + approve + ".dataset.status === 'waiting'", SEEN);
            // The DAG in columns: download first; verify and warm side by side; then approve, then switch.
            assertThat(browser.text("[...document.querySelectorAll('#wf-graph .wf-col')].map(c => "
                    + "[...c.querySelectorAll('.wf-step')].map(s => s.dataset.step).join('+')).join(' > ')"))
                    .isEqualTo("download > verify+warm > approve > switch");
            // docker: {enabled: false}: the containers card says so, like Nomad's and power's when absent.
            assertThat(browser.text("document.getElementById('docker-reason').textContent")).isEqualTo("Not configured.");
            assertThat(browser.text("document.querySelector('#wf-graph .wf-step[data-step=\"warm\"]').textContent")).contains("3/3 items done");
            assertThat(browser.text(approve + ".textContent")).contains("switch traffic to the new model?");
            // The Cancel button is there for the running run; open the Run form to show it in the picture.
            assertThat(browser.text("String(document.getElementById('wf-cancel').hidden)")).isEqualTo("false");
            browser.evaluate(RUN_BUTTON.formatted("model-switch") + ".click(); true");
            assertThat(browser.text("document.activeElement.name + '=' + document.activeElement.value"))
                    .isEqualTo("nodes=[\"lab1\",\"lab2\",\"lab3\"]");
            browser.screenshot(IMAGES.resolve("agent-workflow.png"), 1280);
            browser.evaluate("document.querySelector('#wf-defs button[data-close]').click(); true");
            assertThat(browser.text("document.activeElement.getAttribute('aria-label')")).isEqualTo("Run model-switch");
            assertThat(browser.text("String(document.querySelector('#wf-defs form'))")).isEqualTo("null");

            browser.evaluate("document.getElementById('token').value = '" + OPERATOR + "'; "
                    + approve + ".querySelector('button[data-decision=approve]').click(); true");
            browser.waitFor("document.querySelector('#wf-graph .wf-step[data-step=\"switch\"]').dataset.status === 'done'", SEEN);
            browser.waitFor("document.querySelector('#wf-runs .pill').textContent === 'succeeded'", SEEN);
            assertThat(browser.text("document.getElementById('wf-msg').textContent")).isEqualTo("Approved approve.");
            assertThat(browser.text("document.getElementById('wf-run-title').textContent")).isEqualTo("Run of model-switch: succeeded");
            assertThat(browser.text("String(window.noReload)")).isEqualTo("true");
        }
    }

    @Test
    void aRunStartsFromThePageWithItsInputs(@TempDir Path temp) throws Exception {
        writeAgent(temp, Map.of(
                "greet", """
                        description: greet someone, slowly
                        inputs:
                          who: {description: whom to greet}
                          greeting: hello
                          times: 1
                          tags: [x]
                        steps:
                          - id: greet
                            type: shell
                            command: "sleep 1; for i in $(seq {{ inputs.times }}); do echo '{{ inputs.greeting }}, {{ inputs.who }}'; done"
                        """,
                "nightly", """
                        description: a report every night, and when the disk check fails
                        schedule: "0 3 * * *"
                        on: {check_failed: disk}
                        steps:
                          - {id: report, type: shell, command: "echo report"}
                        """));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor(RUN_BUTTON.formatted("greet"), SEEN);
            assertThat(browser.text("document.querySelector('#wf-defs li[data-workflow=greet]').innerText"))
                    .contains("greet someone, slowly", "Runs by hand");
            assertThat(browser.text("document.querySelector('#wf-defs li[data-workflow=nightly]').innerText"))
                    .contains("Runs by hand · on schedule 0 0 3 * * ? · when check disk fails");

            // The form: its inputs in the file's order, defaults filled in, the one without a default required.
            browser.evaluate(RUN_BUTTON.formatted("greet") + ".click(); true");
            String form = "document.querySelector('#wf-defs li[data-workflow=greet] form')";
            assertThat(browser.text("[..." + form + ".querySelectorAll('.wf-field')].map(f => f.innerText.replace(/\\s+/g, ' ').trim()"
                    + " + '=' + f.querySelector('input').value + (f.querySelector('input').required ? '!' : '')).join('; ')"))
                    .isEqualTo("who REQUIRED whom to greet=!; greeting=hello; times=1; tags=[\"x\"]");
            assertThat(browser.text(form + ".elements.namedItem('times').type")).as("a number's field").isEqualTo("number");
            assertThat(browser.text("document.activeElement.name")).isEqualTo("who");
            String msg = form + ".querySelector('.run-msg')";

            // Refusals, in words, inside the form; nothing starts.
            fill(browser, form, Map.of("who", "page", "tags", "[x"));
            submit(browser, form, OPERATOR);
            browser.waitFor("!" + msg + ".hidden", SEEN);
            assertThat(browser.text(msg + ".textContent")).isEqualTo("tags: write a JSON value, e.g. [\"lab1\", \"lab2\"].");
            fill(browser, form, Map.of("times", "2", "tags", "[\"x\", \"y\"]"));
            submit(browser, form, "not-a-token");
            browser.waitFor(msg + ".textContent.startsWith('401')", SEEN);
            assertThat(browser.text(msg + ".textContent"))
                    .isEqualTo("401 Unauthorized: enter an operator's API token in the field beside “Run checks now”.");
            submit(browser, form, VIEWER);
            browser.waitFor(msg + ".textContent.startsWith('403')", SEEN);
            assertThat(browser.text(msg + ".textContent"))
                    .isEqualTo("403 Forbidden: this token's role cannot start runs (needs operator or admin).");
            assertThat(get(base, "/api/v1/workflows/runs").size()).isZero();

            // Started: the form closes, the new run is shown running, then done with the inputs in its log.
            submit(browser, form, OPERATOR);
            browser.waitFor("document.getElementById('wf-msg').textContent === 'Started a run of greet.'", SEEN);
            assertThat(browser.text("String(" + form + ")")).isEqualTo("null");
            assertThat(browser.text("document.getElementById('wf-run-title').textContent")).isEqualTo("Run of greet: running");
            browser.waitFor("document.getElementById('wf-run-title').textContent === 'Run of greet: succeeded'", SEEN);
            assertThat(browser.text(STEP.formatted("greet") + ".querySelector('pre').textContent"))
                    .isEqualTo("hello, page\nhello, page\n");
            assertThat(browser.text("document.querySelector('#wf-runs tr').innerText")).contains("greet", "api · ops", "SUCCEEDED");

            JsonNode runs = get(base, "/api/v1/workflows/runs?workflow=greet");
            assertThat(runs.size()).isEqualTo(1);
            assertThat(runs.get(0).path("status").asText()).isEqualTo("succeeded");
            assertThat(runs.get(0).path("who").asText()).isEqualTo("ops");
            assertThat(runs.get(0).path("inputs"))
                    .isEqualTo(JSON.readTree("{\"who\": \"page\", \"greeting\": \"hello\", \"times\": 2, \"tags\": [\"x\", \"y\"]}"));

            // On a phone, in the dark, the form still fits the screen.
            browser.emulate(390, 844, true, "dark");
            browser.evaluate(RUN_BUTTON.formatted("greet") + ".click(); true");
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= 390 && "
                    + form + ".querySelector('input').getBoundingClientRect().right <= 390").asBoolean()).isTrue();
            browser.screenshot(Path.of("target/agent-workflow-phone-dark.png"), 390);
        }
    }

    /** Inputs with a type or choices get the field a person expects: boxes to tick, a list to pick from, a checkbox, a number. */
    @Test
    void typedInputsGetFieldsOfTheirKind(@TempDir Path temp) throws Exception {
        writeAgent(temp, Map.of("deploy", """
                inputs:
                  nodes: {type: list, choices: [lab1, lab2, lab3], default: [lab1], description: where to deploy}
                  mode: {choices: [fast, safe], default: safe}
                  dry_run: {type: boolean, default: true}
                  batch: {type: integer, default: 2}
                steps:
                  - {id: plan, type: shell, command: "echo {{ inputs.nodes | join(',') }} {{ inputs.mode }} {{ inputs.dry_run }} {{ inputs.batch }}"}
                """));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor(RUN_BUTTON.formatted("deploy"), SEEN);
            browser.evaluate(RUN_BUTTON.formatted("deploy") + ".click(); true");
            String form = "document.querySelector('#wf-defs li[data-workflow=deploy] form')";
            assertThat(browser.text("[..." + form + ".querySelectorAll('.wf-field')].map(f => f.dataset.kind).join(',')"))
                    .isEqualTo("pick-many,pick-one,boolean,number");
            String boxes = "[..." + form + ".querySelectorAll('input[name=nodes]')]";
            assertThat(browser.text(boxes + ".map(b => b.parentElement.innerText.trim() + (b.checked ? '+' : '-')).join(' ')"))
                    .isEqualTo("lab1+ lab2- lab3-");
            assertThat(browser.text("[..." + form + ".elements.namedItem('mode').options].map(o => o.text + (o.selected ? '*' : '')).join(' ')"))
                    .isEqualTo("fast safe*");
            assertThat(browser.text("String(" + form + ".elements.namedItem('dry_run').checked)")).isEqualTo("true");
            assertThat(browser.text(form + ".elements.namedItem('batch').type + '=' + " + form + ".elements.namedItem('batch').value"))
                    .isEqualTo("number=2");
            browser.screenshot(Path.of("target/agent-workflow-typed-inputs.png"), 1280);

            // A person ticks lab3, picks fast, unticks dry run and asks for batches of 5.
            browser.evaluate(boxes + "[2].click(); " + form + ".elements.namedItem('mode').value = '0'; "
                    + form + ".elements.namedItem('dry_run').click(); " + form + ".elements.namedItem('batch').value = '5'; true");
            submit(browser, form, OPERATOR);
            browser.waitFor("document.getElementById('wf-run-title').textContent === 'Run of deploy: succeeded'", SEEN);
            JsonNode run = get(base, "/api/v1/workflows/runs?workflow=deploy").get(0);
            assertThat(run.path("inputs")).isEqualTo(JSON.readTree(
                    "{\"nodes\": [\"lab1\", \"lab3\"], \"mode\": \"fast\", \"dry_run\": false, \"batch\": 5}"));
            assertThat(browser.text(STEP.formatted("plan") + ".querySelector('pre').textContent")).isEqualTo("lab1,lab3 fast False 5\n");
        }
    }

    @Test
    void aWaitingRunIsCancelledFromThePage(@TempDir Path temp) throws Exception {
        writeAgent(temp, Map.of("gate", """
                steps:
                  - {id: prepare, type: shell, command: "echo ready"}
                  - {id: approve, type: approval, needs: prepare, prompt: "go on?", expires_after: 1h}
                  - {id: restart, type: shell, needs: approve, command: "echo restarted"}
                """));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor(RUN_BUTTON.formatted("gate"), SEEN);
            String id = start(base, "gate");
            browser.waitFor(STEP.formatted("approve") + "?.dataset.status === 'waiting'", SEEN);
            assertThat(browser.text("String(document.getElementById('wf-retry').hidden)")).isEqualTo("true");

            // Cancel asks first; keeping it running changes nothing.
            browser.evaluate("document.getElementById('token').value = '" + OPERATOR + "'; document.getElementById('wf-cancel').click(); true");
            assertThat(browser.text("String(document.getElementById('wf-confirm').hidden)")).isEqualTo("false");
            assertThat(browser.text("document.getElementById('wf-confirm-text').textContent"))
                    .isEqualTo("Cancel this run of gate? Its running steps are stopped and no more start.");
            assertThat(browser.text("document.activeElement.id")).isEqualTo("wf-confirm-yes");
            browser.evaluate("document.getElementById('wf-confirm-no').click(); true");
            assertThat(browser.text("String(document.getElementById('wf-confirm').hidden)")).isEqualTo("true");
            assertThat(browser.text("document.activeElement.id")).isEqualTo("wf-cancel");
            assertThat(get(base, "/api/v1/workflows/runs/" + id).path("status").asText()).isEqualTo("running");

            browser.evaluate("document.getElementById('wf-cancel').click(); document.getElementById('wf-confirm-yes').click(); true");
            browser.waitFor("document.getElementById('wf-run-title').textContent === 'Run of gate: cancelled'", SEEN);
            browser.waitFor(STEP.formatted("approve") + ".dataset.status === 'cancelled'", SEEN);
            assertThat(browser.text("document.getElementById('wf-msg').textContent")).isEqualTo("Cancelled the run of gate.");
            assertThat(browser.text("String(document.getElementById('wf-cancel').hidden)")).isEqualTo("true");
            assertThat(browser.text("String(document.getElementById('wf-retry').hidden)")).isEqualTo("false");
            assertThat(browser.text(STEP.formatted("restart") + ".dataset.status")).isEqualTo("pending");
            JsonNode run = get(base, "/api/v1/workflows/runs/" + id);
            assertThat(run.path("status").asText()).isEqualTo("cancelled");
            assertThat(run.path("steps").get(1).path("status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void aFailedRunIsRetriedFromThePage(@TempDir Path temp) throws Exception {
        Path ready = temp.resolve("ready"), prepared = temp.resolve("prepared");
        writeAgent(temp, Map.of("flaky", """
                steps:
                  - {id: prepare, type: shell, command: "echo once >> %s"}
                  - {id: fetch, type: shell, needs: prepare, command: "cat %s"}
                  - {id: report, type: shell, needs: fetch, command: "echo reported"}
                """.formatted(prepared, ready)));
        try (Agent agent = Agent.start(ConfigLoader.load(temp.resolve("agent.yml")));
             HeadlessChromium browser = new HeadlessChromium()) {
            String base = "http://127.0.0.1:" + agent.port();
            browser.navigate(base + "/");
            browser.waitFor(RUN_BUTTON.formatted("flaky"), SEEN);
            String id = start(base, "flaky");
            browser.waitFor("document.getElementById('wf-run-title').textContent.startsWith('Run of flaky: failed')", SEEN);
            assertThat(browser.text(STEP.formatted("fetch") + ".dataset.status")).isEqualTo("failed");
            assertThat(browser.text(STEP.formatted("report") + ".dataset.status")).isEqualTo("pending");
            assertThat(browser.text("String(document.getElementById('wf-cancel').hidden)")).isEqualTo("true");

            // A viewer may not; an operator may, once the file the step reads is there.
            browser.evaluate("document.getElementById('token').value = '" + VIEWER + "'; document.getElementById('wf-retry').click(); true");
            browser.waitFor("document.getElementById('wf-msg').textContent.startsWith('403')", SEEN);
            assertThat(browser.text("document.getElementById('wf-msg').textContent"))
                    .isEqualTo("403 Forbidden: this token's role cannot retry runs (needs operator or admin).");
            Files.writeString(ready, "fetched\n");
            browser.evaluate("document.getElementById('token').value = '" + OPERATOR + "'; document.getElementById('wf-retry').click(); true");
            browser.waitFor("document.getElementById('wf-run-title').textContent === 'Run of flaky: succeeded'", SEEN);
            assertThat(browser.text("document.getElementById('wf-msg').textContent"))
                    .isEqualTo("Retrying the run of flaky from its failed steps.");
            browser.waitFor(STEP.formatted("report") + ".dataset.status === 'done'", SEEN);
            assertThat(browser.text(STEP.formatted("fetch") + ".dataset.status")).isEqualTo("done");
            assertThat(browser.text("String(document.getElementById('wf-retry').hidden)")).isEqualTo("true");

            JsonNode run = get(base, "/api/v1/workflows/runs/" + id);
            assertThat(run.path("status").asText()).isEqualTo("succeeded");
            assertThat(run.path("steps").get(0).path("attempts").asInt()).isEqualTo(1);
            assertThat(run.path("steps").get(1).path("outputs").path("stdout").asText()).isEqualTo("fetched");
            assertThat(Files.readAllLines(prepared)).as("prepare is not run again").containsExactly("once");
        }
    }

    private static final String RUN_BUTTON = "document.querySelector('#wf-defs button[data-start=\"%s\"]')";
    private static final String STEP = "document.querySelector('#wf-graph .wf-step[data-step=\"%s\"]')";

    /** The agent's config (an operator's and a viewer's token, no Docker) and its workflow files. */
    private static void writeAgent(Path temp, Map<String, String> workflows) throws Exception {
        WorkflowPageAgent.write(temp, OPERATOR, VIEWER, "", workflows);
    }

    /** Types into the form's fields, as a person would (the values only; nothing is sent). */
    private static void fill(HeadlessChromium browser, String form, Map<String, String> values) throws Exception {
        for (Map.Entry<String, String> v : values.entrySet()) {
            browser.evaluate(form + ".elements.namedItem('" + v.getKey() + "').value = " + JSON.writeValueAsString(v.getValue()) + "; true");
        }
    }

    /** Puts the token in the page's token field and presses the form's Start button. */
    private static void submit(HeadlessChromium browser, String form, String token) throws Exception {
        browser.evaluate(form + ".querySelector('.run-msg').hidden = true; document.getElementById('token').value = '" + token + "'; "
                + form + ".querySelector('button[type=submit]').click(); true");
    }

    /** Starts a run over the API, as another operator would: its id. */
    private static String start(String base, String workflow) throws Exception {
        return WorkflowPageAgent.start(base, workflow, OPERATOR);
    }

    private static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

}
