package dev.drover.tests;

import static dev.drover.tests.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * drover-agent as a user gets it: installed on a lab host by roles/node_agent with
 * {@code drover play}, running under systemd, and reached from this machine over the lab
 * network — /healthz, the API with and without tokens, the rate limit and the audit log.
 */
@LabHosts(value = "lab5", property = "drover.agentHost")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentLabTest {

    private static final String FLAG = "/srv/agent-test/flag";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long /healthz may take to follow the node: the checks run every 2 s, and a run is cached briefly. */
    private static final Duration CHECKS_TURN = Duration.ofSeconds(30);

    private final LabAgent.ApiToken operator = LabAgent.ApiToken.generate("operator-test", "operator");
    private final LabAgent.ApiToken viewer = LabAgent.ApiToken.generate("viewer-test", "viewer");
    private Lab lab;
    private String host;
    private LabAgent agent;
    private Path workDir;

    @BeforeAll
    void installTheAgentWithTheRole(HostPool.Lease lease) throws IOException {
        lab = Lab.require();
        host = lease.hosts().get(0);
        agent = new LabAgent(lab, host);
        lab.reset(host);
        workDir = Files.createTempDirectory("drover-agent-test");
        LocalCommand.Output play = play();
        assertThat(play.exitCode()).as("installing the agent with roles/node_agent\n%s", play.describe()).isZero();
    }

    @AfterAll
    void resetTheHost() throws IOException {
        if (lab != null) {
            lab.reset(host);
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void runsAsAnEnabledSystemdService() {
        LocalCommand.Output output = lab.ssh(host, "systemctl is-enabled drover-agent; systemctl is-active drover-agent");
        assertThat(output.stdout().lines()).containsExactly("enabled", "active");
    }

    @Test
    @Order(2)
    void aSecondRunChangesNothing() throws IOException {
        LocalCommand.Output again = play();
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).as(again.describe()).containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=0\\s");
    }

    @Test
    @Order(3)
    void healthzTurnsRedAndGreenWithTheNode() throws Exception {
        lab.ssh(host, "rm -f " + FLAG);
        waitFor("/healthz answering 503 once the flag file is gone", () -> healthz(), response -> response.statusCode() == 503,
                CHECKS_TURN);

        lab.ssh(host, "mkdir -p /srv/agent-test && touch " + FLAG);
        HttpResponse<String> healthy = waitFor("/healthz answering 200 once the flag file is back", () -> healthz(),
                response -> response.statusCode() == 200, CHECKS_TURN);
        JsonNode body = JSON.readTree(healthy.body());
        assertThat(body.toString()).contains("the test's flag file");
    }

    @Test
    @Order(4)
    void theStatusApiDescribesTheNodeWithoutAToken() throws Exception {
        HttpResponse<String> response = agent.get("/api/v1/status");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("node").path("hostname").asText()).isEqualTo(host);
        assertThat(status.path("node").path("memory_total_mb").asLong()).isPositive();
    }

    @Test
    @Order(5)
    void runningChecksNeedsAnOperatorAndIsAudited() throws Exception {
        assertThat(agent.post("/api/v1/checks/run", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(agent.post("/api/v1/checks/run", LabAgent.ApiToken.generate("unknown", "operator")).statusCode()).as("an unknown token").isEqualTo(401);
        assertThat(agent.post("/api/v1/checks/run", viewer).statusCode()).as("a viewer's token").isEqualTo(403);
        HttpResponse<String> run = agent.post("/api/v1/checks/run", operator);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(JSON.readTree(run.body()).toString()).contains("the agent listens");

        LocalCommand.Output audit = lab.ssh(host, "cat /var/lib/drover/agent/audit.log");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : audit.stdout().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).as(audit.stdout())
                .anySatisfy(line -> {
                    assertThat(line.toString()).contains("operator-test", "/api/v1/checks/run", "POST");
                    assertThat(line.toString()).contains("200");
                })
                .anySatisfy(line -> assertThat(line.toString()).contains("viewer-test", "403"));
    }

    @Test
    @Order(6)
    void theSameFileOverSshGivesTheAgentsVerdicts() throws Exception {
        lab.ssh(host, "mkdir -p /srv/agent-test && touch " + FLAG);
        HttpResponse<String> run = agent.post("/api/v1/checks/run", operator);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        Map<String, String> agentVerdicts = new TreeMap<>();
        for (JsonNode file : JSON.readTree(run.body())) {
            if (file.path("file").asText().endsWith("lab.yml")) {
                for (JsonNode result : file.path("results")) {
                    agentVerdicts.put(result.path("id").asText() + " " + result.path("property").asText(),
                            result.path("outcome").asText().toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        assertThat(agentVerdicts).as(run.body()).isNotEmpty().containsValue("WARN");

        Path checks = workDir.resolve("lab.yml");
        Files.writeString(checks, lab.ssh(host, "cat /etc/drover/agent/checks/lab.yml").stdout());
        LocalCommand.Output remote = LocalCommand.of(List.of(lab.root().resolve("bin/drover").toString(), "check",
                        "-i", lab.inventory().toString(), "--limit", host, "-e", "flag_path=" + FLAG,
                        "--format", "json", checks.toString()))
                .timeout(Duration.ofMinutes(2)).run();
        assertThat(remote.exitCode()).as(remote.describe()).isZero();
        Map<String, String> sshVerdicts = new TreeMap<>();
        JsonNode report = JSON.readTree(remote.stdout());
        for (JsonNode result : report.path("hosts").path(0).path("results")) {
            sshVerdicts.put(result.path("resource-id").asText() + " " + result.path("property").asText(),
                    result.path("outcome").asText().toUpperCase(java.util.Locale.ROOT));
        }
        assertThat(sshVerdicts).as(remote.stdout()).isEqualTo(agentVerdicts);
    }

    @Test
    @Order(7)
    void aFloodIsAnswered429WithRetryAfter() throws Exception {
        HttpResponse<String> limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            HttpResponse<String> response = agent.get("/api/v1/status", viewer);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("60 requests at once against a limit of 5/s with a burst of 20").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    }

    private LocalCommand.Output play() {
        return agent.install("agent-site.yml", Map.of("agent_tokens", List.of(operator.asRoleVariable(), viewer.asRoleVariable())));
    }

    /** GET /healthz, or null while the agent does not answer. */
    private HttpResponse<String> healthz() {
        try {
            return agent.get("/healthz");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
