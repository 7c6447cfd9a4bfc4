package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow routes of a real agent: roles, audit, approvals, validation, cancel and retry. */
class WorkflowApiTest {

    private static AgentFixture agent(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("workflows"));
        Files.writeString(dir.resolve("workflows/gate.yml"), """
                description: restart a service once someone agrees
                inputs:
                  service: {description: what to restart}
                steps:
                  - {id: prepare, type: shell, command: "echo ready"}
                  - id: approve
                    type: approval
                    needs: prepare
                    prompt: "restart {{ inputs.service }}?"
                    expires_after: 1h
                  - {id: restart, type: shell, needs: approve, command: "echo restarted {{ inputs.service }}"}
                """);
        Files.writeString(dir.resolve("workflows/flaky.yml"), """
                steps:
                  - {id: first, type: shell, command: "echo once >> %1$s"}
                  - {id: second, type: shell, needs: first, command: "test -e %2$s"}
                """.formatted(dir.resolve("count"), dir.resolve("fixed")));
        return AgentFixture.start(dir, "");
    }

    private static JsonNode waitForStep(AgentFixture f, String run, String step, String status) throws Exception {
        JsonNode[] last = new JsonNode[1];
        AgentEventsTest.waitFor(() -> {
            last[0] = f.json(f.get("/api/v1/workflows/runs/" + run));
            for (JsonNode s : last[0].path("steps")) {
                if (s.path("id").asText().equals(step) && s.path("status").asText().equals(status)) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(10));
        return last[0];
    }

    private static JsonNode step(JsonNode run, String id) {
        for (JsonNode s : run.path("steps")) {
            if (s.path("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no step " + id + " in " + run);
    }

    @Test
    void anOperatorStartsARunAndApprovesItsGate(@TempDir Path dir) throws Exception {
        try (AgentFixture f = agent(dir)) {
            JsonNode list = f.json(f.get("/api/v1/workflows"));
            assertThat(list.findValuesAsText("name")).contains("gate", "flaky");
            JsonNode gate = list.get(0).path("name").asText().equals("gate") ? list.get(0) : list.get(1);
            assertThat(gate.path("inputs").get(0).path("name").asText()).isEqualTo("service");
            assertThat(gate.path("inputs").get(0).path("required").asBoolean()).isTrue();

            assertThat(f.post("/api/v1/workflows/gate/runs", AgentFixture.VIEWER, "{\"inputs\": {\"service\": \"nginx\"}}").statusCode())
                    .isEqualTo(403);
            HttpResponse<String> missing = f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR, "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(f.json(missing).path("error").asText()).isEqualTo("workflow 'gate' needs the input 'service'");
            assertThat(f.post("/api/v1/workflows/nope/runs", AgentFixture.OPERATOR, "{}").statusCode()).isEqualTo(404);

            HttpResponse<String> started = f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR,
                    "{\"inputs\": {\"service\": \"nginx\"}}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String id = f.json(started).path("id").asText();
            assertThat(f.json(started).path("who").asText()).isEqualTo("ops");

            JsonNode waiting = waitForStep(f, id, "approve", "waiting");
            assertThat(step(waiting, "approve").path("detail").path("prompt").asText()).isEqualTo("restart nginx?");
            assertThat(step(waiting, "restart").path("status").asText()).isEqualTo("pending");
            assertThat(step(waiting, "restart").path("needs").get(0).asText()).isEqualTo("approve");

            String approve = "/api/v1/workflows/runs/" + id + "/steps/approve/approve";
            assertThat(f.post(approve, AgentFixture.VIEWER, "{}").statusCode()).isEqualTo(403);
            assertThat(f.post("/api/v1/workflows/runs/" + id + "/steps/prepare/approve", AgentFixture.OPERATOR, "{}").statusCode())
                    .isEqualTo(409);
            assertThat(f.post(approve, AgentFixture.OPERATOR, "{\"comment\": \"go\"}").statusCode()).isEqualTo(200);

            JsonNode done = f.awaitRun(id);
            assertThat(done.path("status").asText()).isEqualTo("succeeded");
            assertThat(step(done, "approve").path("outputs").path("by").asText()).isEqualTo("ops");
            assertThat(step(done, "approve").path("outputs").path("comment").asText()).isEqualTo("go");
            assertThat(step(done, "restart").path("outputs").path("stdout").asText()).isEqualTo("restarted nginx");
            assertThat(Files.readString(f.agent.auditLog())).contains("\"path\":\"" + approve + "\"", "approved step approve of run " + id,
                    "started run " + id + " of gate");

            String rejected = f.json(f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR,
                    "{\"inputs\": {\"service\": \"db\"}}")).path("id").asText();
            waitForStep(f, rejected, "approve", "waiting");
            assertThat(f.post("/api/v1/workflows/runs/" + rejected + "/steps/approve/reject", AgentFixture.ADMIN,
                    "{\"comment\": \"not now\"}").statusCode()).isEqualTo(200);
            JsonNode failed = f.awaitRun(rejected);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error").asText()).isEqualTo("step approve failed: rejected by root: not now");

            JsonNode runs = f.json(f.get("/api/v1/workflows/runs?workflow=gate"));
            assertThat(runs.findValuesAsText("id")).containsExactly(rejected, id);
        }
    }

    @Test
    void validateAnswersWithFileAndLine(@TempDir Path dir) throws Exception {
        try (AgentFixture f = agent(dir)) {
            HttpResponse<String> bad = f.send(java.net.http.HttpRequest.newBuilder(f.uri("/api/v1/workflows/validate?name=mine.yml"))
                    .header("Authorization", "Bearer " + AgentFixture.OPERATOR)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("steps:\n  - {id: a, type: shell, comand: ls}\n")).build());
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(f.json(bad).path("error").asText()).startsWith("mine.yml:2:26: step 'a': unknown key 'comand' for a shell step");
            // The same place as numbers, for the page to point at, and the message without it.
            assertThat(f.json(bad).path("line").asInt()).isEqualTo(2);
            assertThat(f.json(bad).path("column").asInt()).isEqualTo(26);
            assertThat(f.json(bad).path("message").asText()).startsWith("step 'a': unknown key 'comand' for a shell step");
            HttpResponse<String> good = f.send(java.net.http.HttpRequest.newBuilder(f.uri("/api/v1/workflows/validate"))
                    .header("Authorization", "Bearer " + AgentFixture.OPERATOR)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("steps:\n  - {id: a, type: shell, command: ls}\n")).build());
            assertThat(f.json(good).path("valid").asBoolean()).isTrue();
        }
    }

    @Test
    void runsArePagedNewestFirstAndFiltered(@TempDir Path dir) throws Exception {
        try (AgentFixture f = agent(dir)) {
            Files.writeString(dir.resolve("fixed"), "");
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = f.json(f.post("/api/v1/workflows/flaky/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
                f.awaitRun(id);
                ids.add(0, id); // newest first
            }
            Files.delete(dir.resolve("fixed"));
            String failed = f.json(f.post("/api/v1/workflows/flaky/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
            f.awaitRun(failed);
            String gate = f.json(f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR, "{\"inputs\": {\"service\": \"x\"}}"))
                    .path("id").asText();
            waitForStep(f, gate, "approve", "waiting");

            // All runs, two a page, following the Link header to the end.
            java.util.List<String> seen = new java.util.ArrayList<>();
            String next = "/api/v1/workflows/runs?limit=2";
            int pages = 0;
            while (next != null) {
                HttpResponse<String> page = f.get(next);
                assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
                assertThat(f.json(page).size()).isBetween(1, 2);
                f.json(page).forEach(r -> seen.add(r.path("id").asText()));
                next = page.headers().firstValue("Link").map(l -> l.replaceAll("^<([^>]*)>; rel=\"next\"$", "$1")).orElse(null);
                pages++;
            }
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(gate, failed));
            all.addAll(ids);
            assertThat(seen).containsExactlyElementsOf(all);
            assertThat(pages).isEqualTo(4);

            // Filters, also kept in the next page's link; before= starts after a given run.
            HttpResponse<String> succeeded = f.get("/api/v1/workflows/runs?workflow=flaky&status=succeeded&limit=3");
            assertThat(f.json(succeeded).findValuesAsText("id")).containsExactlyElementsOf(ids.subList(0, 3));
            assertThat(succeeded.headers().firstValue("Link")).contains(
                    "</api/v1/workflows/runs?workflow=flaky&status=succeeded&limit=3&before=" + ids.get(2) + ">; rel=\"next\"");
            HttpResponse<String> rest = f.get("/api/v1/workflows/runs?workflow=flaky&status=succeeded&limit=3&before=" + ids.get(2));
            assertThat(f.json(rest).findValuesAsText("id")).containsExactlyElementsOf(ids.subList(3, 5));
            assertThat(rest.headers().firstValue("Link")).isEmpty();
            assertThat(f.json(f.get("/api/v1/workflows/runs?status=failed")).findValuesAsText("id")).containsExactly(failed);
            assertThat(f.json(f.get("/api/v1/workflows/runs?status=running&workflow=gate")).findValuesAsText("id")).containsExactly(gate);
            assertThat(f.json(f.get("/api/v1/workflows/runs?workflow=gone")).size()).isZero();

            HttpResponse<String> badStatus = f.get("/api/v1/workflows/runs?status=done");
            assertThat(badStatus.statusCode()).isEqualTo(400);
            assertThat(f.json(badStatus).path("error").asText())
                    .isEqualTo("status must be one of running, succeeded, failed, cancelled, not 'done'");
            HttpResponse<String> badCursor = f.get("/api/v1/workflows/runs?before=nope");
            assertThat(badCursor.statusCode()).isEqualTo(404);
            assertThat(f.json(badCursor).path("error").asText()).startsWith("no run 'nope' to list the runs before");
        }
    }

    @Test
    void retryFromTheFailedStepAndCancel(@TempDir Path dir) throws Exception {
        try (AgentFixture f = agent(dir)) {
            String id = f.json(f.post("/api/v1/workflows/flaky/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
            JsonNode failed = f.awaitRun(id);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(f.post("/api/v1/workflows/runs/" + id + "/cancel", AgentFixture.OPERATOR).statusCode()).isEqualTo(409);
            Files.writeString(dir.resolve("fixed"), "");
            assertThat(f.post("/api/v1/workflows/runs/" + id + "/retry", AgentFixture.OPERATOR).statusCode()).isEqualTo(200);
            assertThat(f.awaitRun(id).path("status").asText()).isEqualTo("succeeded");
            assertThat(Files.readAllLines(dir.resolve("count"))).containsExactly("once");
            assertThat(f.post("/api/v1/workflows/runs/" + id + "/retry", AgentFixture.OPERATOR).statusCode()).isEqualTo(409);
            assertThat(f.post("/api/v1/workflows/runs/nope/retry", AgentFixture.OPERATOR).statusCode()).isEqualTo(404);

            String gate = f.json(f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR,
                    "{\"inputs\": {\"service\": \"x\"}}")).path("id").asText();
            waitForStep(f, gate, "approve", "waiting");
            HttpResponse<String> cancelled = f.post("/api/v1/workflows/runs/" + gate + "/cancel", AgentFixture.OPERATOR);
            assertThat(f.json(cancelled).path("status").asText()).isEqualTo("cancelled");
            assertThat(step(f.json(cancelled), "approve").path("status").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void runChangesArePushedAsWorkflowEvents(@TempDir Path dir) throws Exception {
        try (AgentFixture f = agent(dir)) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(f.uri("/api/v1/events"))
                    .header("Accept", "text/event-stream").build();
            HttpResponse<java.io.InputStream> response = f.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            java.io.BufferedReader reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            java.util.List<String> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread readerThread = new Thread(() -> {
                try {
                    String event = null;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            event = line.substring(6).trim();
                            events.add(event);
                        } else if (line.startsWith("data:") && "workflow".equals(event)) {
                            JsonNode run = f.json.readTree(line.substring(5).trim());
                            statuses.add(run.path("status").asText() + ":" + step(run, "approve").path("status").asText());
                        }
                    }
                } catch (java.io.IOException e) {
                    // closed at the end of the test
                }
            });
            readerThread.setDaemon(true);
            readerThread.start();
            AgentEventsTest.waitFor(() -> events.contains("status"), Duration.ofSeconds(15));
            String id = f.json(f.post("/api/v1/workflows/gate/runs", AgentFixture.OPERATOR, "{\"inputs\": {\"service\": \"x\"}}"))
                    .path("id").asText();
            AgentEventsTest.waitFor(() -> statuses.contains("running:waiting"), Duration.ofSeconds(10));
            f.post("/api/v1/workflows/runs/" + id + "/steps/approve/approve", AgentFixture.OPERATOR, "{}");
            AgentEventsTest.waitFor(() -> statuses.contains("succeeded:done"), Duration.ofSeconds(10));
            response.body().close();
        }
    }
}
