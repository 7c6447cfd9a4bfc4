package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/nomad against a real agent on loopback and the Nomad contract double (provisioner's test-jar). */
class AgentNomadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String job(String id, int memoryMb, String constraintMeta) throws Exception {
        String constraint = constraintMeta == null ? "" : ", \"Constraints\": [{\"LTarget\": \"${meta.node_type}\", \"RTarget\": \""
                + constraintMeta + "\", \"Operand\": \"=\"}]";
        return "{\"Job\": {\"ID\": \"" + id + "\", \"Name\": \"" + id + "\", \"Type\": \"service\", \"Datacenters\": [\"dc1\"]"
                + constraint + ", \"TaskGroups\": [{\"Name\": \"app\", \"Count\": 1, \"Tasks\": [{\"Name\": \"main\", \"Driver\": \"raw_exec\","
                + " \"Config\": {\"command\": \"sleep\"}, \"Resources\": {\"MemoryMB\": " + memoryMb + "}}]}]}}";
    }

    @Test
    void showsThisNodesAllocationsAndTheJobsAndRunsStopsAndDispatches() throws Exception {
        try (NomadDouble nomad = new NomadDouble();
             AgentFixture agent = AgentFixture.start(dir, "nomad:\n  address: " + nomad.address() + "\n  node: node-1\n")) {
            NomadClient client = new NomadClient(NomadSettings.at(nomad.address()));
            // Three jobs of 3000 MB on three nodes of 4096 MB: one lands on node-1.
            for (String id : new String[] {"web", "api", "db"}) {
                client.register(NomadClient.jobOfJsonFile(JSON.readTree(job(id, 3000, null))), OptionalLong.empty());
            }
            waitFor(() -> {
                JsonNode view = agent.json(agent.get("/api/v1/nomad"));
                return view.get("available").asBoolean() && view.get("jobs").size() == 3
                        && view.get("allocations").size() == 1
                        && view.get("allocations").get(0).get("client_status").asText().equals("running");
            });
            JsonNode view = agent.json(agent.get("/api/v1/nomad"));
            assertThat(view.get("configured").asBoolean()).isTrue();
            assertThat(view.get("node").get("name").asText()).isEqualTo("node-1");
            assertThat(view.get("node").get("status").asText()).isEqualTo("ready");
            assertThat(view.get("jobs").findValuesAsText("id")).containsExactly("api", "db", "web");
            assertThat(view.get("jobs").findValuesAsText("status")).containsOnly("running");
            JsonNode alloc = view.get("allocations").get(0);
            assertThat(alloc.get("job_type").asText()).isEqualTo("service");
            assertThat(alloc.get("tasks").get(0).get("name").asText()).isEqualTo("main");
            assertThat(alloc.get("tasks").get(0).get("state").asText()).isEqualTo("running");
            String onNode1 = alloc.get("job_id").asText();
            JsonNode status = agent.json(agent.get("/api/v1/status"));
            assertThat(status.get("panels").get("nomad").get("available").asBoolean()).isTrue();

            // Stop: operator only, audited with Nomad's evaluation.
            assertThat(agent.post("/api/v1/nomad/jobs/" + onNode1 + "/stop", null).statusCode()).isEqualTo(401);
            assertThat(agent.post("/api/v1/nomad/jobs/" + onNode1 + "/stop", AgentFixture.VIEWER).statusCode()).isEqualTo(403);
            HttpResponse<String> stopped = agent.post("/api/v1/nomad/jobs/" + onNode1 + "/stop", AgentFixture.OPERATOR);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            assertThat(agent.json(stopped).get("EvalID").asText()).isNotEmpty();
            waitFor(() -> agent.json(agent.get("/api/v1/nomad")).get("allocations").get(0).get("desired_status").asText().equals("stop"));
            HttpResponse<String> unknown = agent.post("/api/v1/nomad/jobs/nope/stop", AgentFixture.OPERATOR);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(agent.json(unknown).get("error").asText()).contains("job not found");

            // Run a job from a JSON body, then dispatch a parameterized one with meta and payload.
            HttpResponse<String> ran = agent.post("/api/v1/nomad/jobs", AgentFixture.ADMIN, job("batch1", 100, null));
            assertThat(ran.statusCode()).as(ran.body()).isEqualTo(200);
            String parameterized = "{\"Job\": {\"ID\": \"report\", \"Type\": \"batch\", \"Datacenters\": [\"dc1\"],"
                    + " \"ParameterizedJob\": {\"Payload\": \"optional\", \"MetaRequired\": [\"who\"]},"
                    + " \"TaskGroups\": [{\"Name\": \"g\", \"Tasks\": [{\"Name\": \"t\", \"Driver\": \"raw_exec\", \"Config\": {\"command\": \"true\"}}]}]}}";
            assertThat(agent.post("/api/v1/nomad/jobs", AgentFixture.OPERATOR, parameterized).statusCode()).isEqualTo(200);
            HttpResponse<String> missingMeta = agent.post("/api/v1/nomad/jobs/report/dispatch", AgentFixture.OPERATOR, "{}");
            assertThat(missingMeta.statusCode()).isEqualTo(400);
            assertThat(agent.json(missingMeta).get("error").asText()).contains("required meta keys");
            HttpResponse<String> dispatched = agent.post("/api/v1/nomad/jobs/report/dispatch", AgentFixture.OPERATOR,
                    "{\"meta\": {\"who\": \"ops\"}, \"payload\": \"hello\"}");
            assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(200);
            String child = agent.json(dispatched).get("DispatchedJobID").asText();
            assertThat(child).startsWith("report/dispatch-");
            assertThat(client.job(child).body().get("Meta").get("who").asText()).isEqualTo("ops");
            waitFor(() -> agent.json(agent.get("/api/v1/nomad")).get("jobs").findValuesAsText("id").contains("batch1"));

            String audit = Files.readString(agent.agent.auditLog());
            assertThat(audit).contains("\"path\":\"/api/v1/nomad/jobs/" + onNode1 + "/stop\",\"status\":401");
            assertThat(audit).contains("\"status\":200,\"result\":\"stopped job " + onNode1 + ": evaluation ");
            assertThat(audit).contains("\"result\":\"registered job batch1: evaluation ");
            assertThat(audit).contains("\"result\":\"dispatched job report as report/dispatch-");
            assertThat(audit).contains("job not found");
        }
    }

    @Test
    void aDownNomadGreysThePanelWithoutSlowingThePage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (AgentFixture agent = AgentFixture.start(dir, "nomad:\n  address: http://127.0.0.1:" + closedPort + "\n")) {
            waitFor(() -> agent.json(agent.get("/api/v1/nomad")).get("error").asText().contains("cannot reach Nomad"));
            long started = System.nanoTime();
            JsonNode view = agent.json(agent.get("/api/v1/nomad"));
            JsonNode status = agent.json(agent.get("/api/v1/status"));
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
            assertThat(view.get("configured").asBoolean()).isTrue();
            assertThat(view.get("available").asBoolean()).isFalse();
            assertThat(status.get("panels").get("nomad").get("available").asBoolean()).isFalse();
            assertThat(status.get("panels").get("nomad").get("error").asText()).contains("127.0.0.1:" + closedPort);
            HttpResponse<String> stop = agent.post("/api/v1/nomad/jobs/web/stop", AgentFixture.OPERATOR);
            assertThat(stop.statusCode()).isEqualTo(502);
        }
    }

    @Test
    void withoutANomadSectionThePanelSaysNotConfigured() throws Exception {
        try (AgentFixture agent = AgentFixture.start(dir, "")) {
            JsonNode view = agent.json(agent.get("/api/v1/nomad"));
            assertThat(view.get("configured").asBoolean()).isFalse();
            assertThat(view.get("error").asText()).isEqualTo("not configured");
            HttpResponse<String> stop = agent.post("/api/v1/nomad/jobs/web/stop", AgentFixture.OPERATOR);
            assertThat(stop.statusCode()).isEqualTo(409);
            assertThat(agent.json(stop).get("error").asText()).contains("no nomad: section");
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            Thread.sleep(50);
        }
    }
}
