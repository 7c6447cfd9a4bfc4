package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static dev.drover.tests.WorkflowRunJson.duration;
import static dev.drover.tests.WorkflowRunJson.statuses;
import static dev.drover.tests.WorkflowRunJson.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.agent.workflow.llm.OpenAiDouble;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/workflows/llm-triage.yml, unmodified and with its default inputs, run by a drover-agent that
 * roles/node_agent installed on lab5 (workflow-triage-site.yml), started by nothing but its
 * {@code on: check_failed: node} trigger.
 *
 * <p>The host is made to fit the example's defaults: the service {@code llama-expert} is a systemd
 * unit running the llama-server stand-in, the check file {@code node} is red while it is down, the
 * first expert {@code 127.0.0.1:8080} is dead (nothing listens), and the second, {@code
 * 127.0.0.1:8081}, is a TCP relay unit on the host to the test's {@link OpenAiDouble} on the lab
 * bridge. The test crashes the service (SIGKILL, as the OOM killer would), then follows what the
 * agent does over its API as an operator would: the run that starts by itself, the real journal
 * lines that reach the expert, the failover, the approval with the expert's summary, the restart
 * systemd sees, the check green again; and, when the expert advises no restart, a run that leaves
 * the service alone. The host is reset before and after.
 */
@LabHosts("lab5")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowTriageLabTest {

    private static final String HOST = "lab5";
    private static final String BRIDGE = "10.77.0.1";
    private static final String SERVICE = "llama-expert";
    private static final String DEAD_EXPERT = "http://127.0.0.1:8080";
    private static final String RELAYED_EXPERT = "http://127.0.0.1:8081";
    private static final String CHECK_FILE = "/etc/drover/agent/checks/node.yml";
    private static final Pattern STANDIN_LINE = Pattern.compile("expert-standin\\[(\\d+)]: loaded .*");

    private final LabAgent.ApiToken operator = LabAgent.ApiToken.generate("operator-test", "operator");
    private Lab lab;
    private OpenAiDouble expert;
    private LabAgent agent;

    @BeforeAll
    void installTheAgent() throws Exception {
        lab = Lab.require();
        lab.reset(HOST);
        expert = new OpenAiDouble(InetAddress.getByName(BRIDGE));
        agent = new LabAgent(lab, HOST);
        Instant started = Instant.now();
        LocalCommand.Output play = agent.install("workflow-triage-site.yml", Map.of(
                "agent_tokens", List.of(operator.asRoleVariable()),
                "expert_target", BRIDGE + ":" + expert.port(),
                "agent_workflows", List.of(Map.of("src", lab.root().resolve("docs/workflows/llm-triage.yml").toString()))));
        assertThat(play.exitCode()).as(play.describe()).isZero();
        JsonNode checks = waitFor("the node check green", () -> agent.json("/api/v1/checks"),
                c -> c.size() == 1 && c.get(0).get("healthy").asBoolean(), Duration.ofSeconds(60));
        assertThat(checks.get(0).get("file").asText()).isEqualTo(CHECK_FILE);
        System.out.printf("WorkflowTriageLabTest: the agent installed and its check green in %d ms%n",
                Duration.between(started, Instant.now()).toMillis());
        assertThat(runs()).as("no triage while the service runs").isEmpty();
    }

    @AfterAll
    void cleanUp() {
        if (expert != null) {
            expert.close();
        }
        if (lab != null) {
            lab.reset(HOST);
        }
    }

    @Test
    @Order(1)
    void aCrashedServiceIsTriagedByTheExpertAndRestartedOnceApproved() throws Exception {
        expert.answer(request -> "{\"category\": \"crash\", \"restart\": true,"
                + " \"reason\": \"the process was killed by a signal and its last lines show no fault of its own\"}");
        Map<String, String> before = unit();
        assertThat(before.get("ActiveState")).isEqualTo("active");
        String loggedLine = standinLines().get(0);
        assertThat(loggedLine).contains("expert-standin[" + before.get("MainPID") + "]");

        Instant crashed = crash();
        JsonNode started = waitFor("a triage run started by the check", this::runs, r -> r.size() == 1, Duration.ofSeconds(30));
        String id = started.get(0).get("id").asText();
        Instant runStarted = Instant.parse(started.get(0).get("created_at").asText());
        JsonNode waiting = waitFor("the approval waiting", () -> agent.json("/api/v1/workflows/runs/" + id),
                r -> !r.get("status").asText().equals("running") || step(r, "approve").get("status").asText().equals("waiting"),
                Duration.ofMinutes(2));
        Duration toApproval = Duration.between(crashed, Instant.now());

        assertThat(waiting.get("status").asText()).as(waiting.toPrettyString()).isEqualTo("running");
        assertThat(waiting.get("trigger").asText()).isEqualTo("event");
        assertThat(waiting.get("who").asText()).isEqualTo("check_failed: node.yml");
        assertThat(statuses(waiting)).containsExactly("done", "done", "waiting", "pending");
        JsonNode checks = agent.json("/api/v1/checks");
        assertThat(checks.get(0).get("healthy").asBoolean()).as("the check is red").isFalse();
        assertThat(checks.get(0).get("results").toString()).contains("llama-expert");

        // The logs step read the unit's real journal: the stand-in's own line and systemd's account of the crash.
        String logs = step(waiting, "logs").get("outputs").get("stdout").asText();
        assertThat(logs).contains(loggedLine).contains("llama-expert.service: Main process exited, code=killed, status=9/KILL");
        // That is what the expert was asked, after the dead first endpoint was skipped.
        assertThat(expert.requests()).hasSize(1);
        String prompt = userMessage(expert.requests().get(0));
        assertThat(prompt).contains("The check file node.yml turned red.").contains("the service\nllama-expert logged:")
                .contains(loggedLine).contains("status=9/KILL");
        JsonNode classify = step(waiting, "classify");
        assertThat(classify.get("log").asText()).contains("skipped " + DEAD_EXPERT).contains("answered by " + RELAYED_EXPERT);
        assertThat(classify.get("outputs").get("endpoint").asText()).startsWith(RELAYED_EXPERT);
        System.out.printf("WorkflowTriageLabTest: the classify step's log:%n%s%n", classify.get("log").asText().strip());
        assertThat(classify.get("outputs").get("restart").asText()).isEqualToIgnoringCase("true");
        String summary = "crash: the process was killed by a signal and its last lines show no fault of its own";
        assertThat(classify.get("outputs").get("summary").asText()).isEqualTo(summary);
        assertThat(step(waiting, "approve").get("detail").get("prompt").asText()).isEqualTo("restart llama-expert? the expert says " + summary);
        assertThat(unit().get("ActiveState")).as("nothing restarted before the approval").isEqualTo("failed");

        Instant approving = Instant.now();
        HttpResponse<String> approved = agent.post("/api/v1/workflows/runs/" + id + "/steps/approve/approve", operator,
                "{\"comment\": \"go ahead\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        JsonNode done = waitForEnd(id);
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("succeeded");
        assertThat(statuses(done)).containsOnly("done");
        assertThat(step(done, "approve").get("outputs").get("by").asText()).isEqualTo("operator-test");
        assertThat(step(done, "restart").get("outputs").get("rc").asInt()).isZero();

        Map<String, String> after = unit();
        assertThat(after.get("ActiveState")).isEqualTo("active");
        assertThat(after.get("MainPID")).isNotEqualTo("0").isNotEqualTo(before.get("MainPID"));
        assertThat(after.get("ActiveEnterTimestampMonotonic")).isNotEqualTo(before.get("ActiveEnterTimestampMonotonic"));
        assertThat(Long.parseLong(after.get("ActiveEnterTimestampMonotonic")))
                .isGreaterThan(Long.parseLong(before.get("ActiveEnterTimestampMonotonic")));
        waitFor("the restarted stand-in's own line", this::standinLines,
                lines -> lines.size() == 2 && lines.get(1).contains("expert-standin[" + after.get("MainPID") + "]"), Duration.ofSeconds(10));
        waitFor("the node check green again", () -> agent.json("/api/v1/checks"),
                c -> c.get(0).get("healthy").asBoolean(), Duration.ofSeconds(30));
        Duration toGreen = Duration.between(approving, Instant.now());
        System.out.printf("WorkflowTriageLabTest: restart advised: run started %d ms after the crash; logs %d ms, classify %d ms"
                        + " (2 endpoints); %d ms from the crash to the waiting approval; restart %d ms; check green %d ms after"
                        + " the approval; run %d ms in all%n",
                Duration.between(crashed, runStarted).toMillis(), duration(done, "logs"), duration(done, "classify"),
                toApproval.toMillis(), duration(done, "restart"), toGreen.toMillis(), done.get("duration_ms").asLong());
        assertThat(runs()).as("one run: the check stayed red without starting another").hasSize(1);
    }

    @Test
    @Order(2)
    void anExpertAdvisingNoRestartLeavesTheServiceDown() throws Exception {
        expert.answer(request -> "{\"category\": \"config\", \"restart\": false, \"reason\": \"a restart would fail the same way\"}");
        int asked = expert.requests().size();
        Instant crashed = crash();
        JsonNode runs = waitFor("a second triage run", this::runs, r -> r.size() == 2, Duration.ofSeconds(30));
        String id = runs.get(0).get("id").asText();
        JsonNode done = waitForEnd(id);
        Duration took = Duration.between(crashed, Instant.now());
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("succeeded");
        assertThat(done.get("trigger").asText()).isEqualTo("event");
        assertThat(statuses(done)).containsExactly("done", "done", "skipped", "skipped");
        assertThat(step(done, "classify").get("outputs").get("summary").asText()).isEqualTo("config: a restart would fail the same way");
        assertThat(step(done, "classify").get("log").asText()).contains("skipped " + DEAD_EXPERT).contains("answered by " + RELAYED_EXPERT);
        assertThat(expert.requests()).hasSize(asked + 1);
        assertThat(userMessage(expert.requests().get(asked))).contains("status=9/KILL");

        Thread.sleep(3000); // more than the check's interval: a restart would have shown by now
        Map<String, String> unit = unit();
        assertThat(unit.get("ActiveState")).as("the service left alone").isEqualTo("failed");
        assertThat(unit.get("MainPID")).isEqualTo("0");
        assertThat(agent.json("/api/v1/checks").get(0).get("healthy").asBoolean()).isFalse();
        assertThat(runs()).as("still red: no other run").hasSize(2);
        // The dead first expert failed once per run: its breaker counts 2 of the 5 that open it.
        JsonNode breakers = agent.json("/api/v1/workflows/breakers");
        assertThat(breakers.toString()).contains("\"endpoint\":\"" + DEAD_EXPERT + "\"");
        for (JsonNode breaker : breakers) {
            if (breaker.get("endpoint").asText().equals(DEAD_EXPERT)) {
                assertThat(breaker.get("state").asText()).isEqualTo("closed");
                assertThat(breaker.get("consecutive_failures").asInt()).isEqualTo(2);
            } else {
                assertThat(breaker.get("endpoint").asText()).isEqualTo(RELAYED_EXPERT);
                assertThat(breaker.get("consecutive_failures").asInt()).isZero();
            }
        }
        System.out.printf("WorkflowTriageLabTest: no restart advised: %d ms from the crash to the run's end (run %d ms)%n",
                took.toMillis(), done.get("duration_ms").asLong());
    }

    /** SIGKILL to the service's main process, as the OOM killer would send; without Restart= it stays failed. */
    private Instant crash() {
        Instant now = Instant.now();
        LocalCommand.Output kill = lab.ssh(HOST, "systemctl kill -s KILL " + SERVICE);
        assertThat(kill.exitCode()).as(kill.describe()).isZero();
        return now;
    }

    /** systemd's view of the service. */
    private Map<String, String> unit() {
        LocalCommand.Output show = lab.ssh(HOST, "systemctl show -p ActiveState -p MainPID -p ActiveEnterTimestampMonotonic " + SERVICE);
        Map<String, String> properties = new LinkedHashMap<>();
        show.stdout().lines().map(line -> line.split("=", 2)).forEach(kv -> properties.put(kv[0], kv[1]));
        return properties;
    }

    /** The lines the stand-in itself logged at each start, from the unit's journal, oldest first. */
    private List<String> standinLines() {
        List<String> lines = new ArrayList<>();
        for (String line : lab.ssh(HOST, "journalctl -u " + SERVICE + " --no-pager -o cat").stdout().lines().toList()) {
            Matcher matcher = STANDIN_LINE.matcher(line);
            if (matcher.matches()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private JsonNode runs() {
        return agent.json("/api/v1/workflows/runs?workflow=llm-triage");
    }

    private JsonNode waitForEnd(String id) throws InterruptedException {
        return waitFor("run " + id + " ending", () -> agent.json("/api/v1/workflows/runs/" + id),
                r -> !r.get("status").asText().equals("running"), Duration.ofMinutes(1));
    }

    private static String userMessage(JsonNode request) {
        String content = null;
        for (JsonNode message : request.get("messages")) {
            if (message.get("role").asText().equals("user")) {
                content = message.get("content").asText();
            }
        }
        return content;
    }
}
