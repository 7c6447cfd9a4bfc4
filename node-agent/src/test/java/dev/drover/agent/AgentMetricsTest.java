package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics in Prometheus text: check verdicts and durations, the JVM, HTTP requests. */
class AgentMetricsTest {

    @Test
    void checkJvmAndHttpMetricsAreExposed(@TempDir Path dir) throws Exception {
        AgentFixture.checkFile(dir, "m.yml", "command:\n  ok:\n    exec: \"true\"\n    exit-status: 0\n  bad:\n    exec: \"false\"\n    exit-status: 0\n");
        try (AgentFixture fixture = AgentFixture.start(dir, "checks:\n  - {path: m.yml, interval: 1h}\n")) {
            AgentEventsTest.waitFor(() -> fixture.agent.files().allRan(), java.time.Duration.ofSeconds(5)); // the start-up run
            fixture.runNow();
            fixture.get("/api/v1/status");
            HttpResponse<String> response = fixture.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            String file = dir.resolve("m.yml").toString();
            String text = response.body();
            assertThat(text).containsPattern("drover_check_passed\\{file=\"" + file + "\",id=\"ok\",outcome=\"pass\",property=\"exit-status\",type=\"command\"} 1.0");
            assertThat(text).containsPattern("drover_check_passed\\{file=\"" + file + "\",id=\"bad\",outcome=\"fail\",property=\"exit-status\",type=\"command\"} 0.0");
            assertThat(text).contains("drover_check_duration_seconds{file=\"" + file + "\"");
            assertThat(text).contains("drover_check_file_healthy{file=\"" + file + "\"} 0.0");
            assertThat(text).contains("drover_check_file_runs_total{file=\"" + file + "\",healthy=\"false\"} 2.0");
            assertThat(text).contains("jvm_memory_used_bytes").contains("jvm_threads_current");
            assertThat(text).contains("drover_http_requests_total{method=\"GET\",route=\"/api/v1/status\",status=\"200\"} 1.0");
            assertThat(text).contains("drover_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/checks/run\"");
        }
    }

    @Test
    void workflowRunsAndStepsAreCountedAndTimed(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("workflows"));
        java.nio.file.Files.writeString(dir.resolve("workflows/nightly.yml"), """
                steps:
                  - {id: work, type: shell, command: "sleep 0.2"}
                  - {id: report, type: shell, needs: work, command: "exit {{ inputs.code | default(0) }}"}
                inputs:
                  code: {default: 0}
                """);
        try (AgentFixture f = AgentFixture.start(dir, "")) {
            for (String body : java.util.List.of("{}", "{\"inputs\": {\"code\": 3}}")) {
                String id = f.json(f.post("/api/v1/workflows/nightly/runs", AgentFixture.OPERATOR, body)).path("id").asText();
                AgentEventsTest.waitFor(() -> !f.json(f.get("/api/v1/workflows/runs/" + id)).path("status").asText().equals("running"),
                        java.time.Duration.ofSeconds(10));
            }
            String metrics = f.get("/metrics").body();
            assertThat(metrics)
                    .contains("drover_workflow_runs_total{status=\"succeeded\",workflow=\"nightly\"} 1.0")
                    .contains("drover_workflow_runs_total{status=\"failed\",workflow=\"nightly\"} 1.0")
                    .contains("drover_workflow_runs_running{workflow=\"nightly\"} 0.0")
                    .contains("drover_workflow_steps_total{status=\"done\",type=\"shell\",workflow=\"nightly\"} 3.0")
                    .contains("drover_workflow_steps_total{status=\"failed\",type=\"shell\",workflow=\"nightly\"} 1.0")
                    .contains("drover_workflow_step_duration_seconds_count{type=\"shell\"} 4")
                    .contains("drover_workflow_run_duration_seconds_count{workflow=\"nightly\"} 2");
            // Both runs slept 0.2 s in their first step: none ended under 0.1 s.
            assertThat(metrics).contains("drover_workflow_run_duration_seconds_bucket{workflow=\"nightly\",le=\"0.1\"} 0");
        }
    }
}
