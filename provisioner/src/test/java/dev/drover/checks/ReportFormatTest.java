package dev.drover.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.SourceLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

    private static final SourceLocation AT = new SourceLocation(Path.of("c.yml"), 3, 3);

    private static CheckResult result(String type, String id, String property, Outcome outcome, String message) {
        return new CheckResult(type, id, "", property, outcome, "true", outcome == Outcome.PASS ? "true" : "false",
                message, Duration.ofMillis(5), AT);
    }

    private static final List<HostReport> REPORTS = List.of(new HostReport("lab3", Instant.parse("2026-01-01T00:00:00Z"),
            Duration.ofMillis(120), List.of(
            result("file", "/etc/passwd", "exists", Outcome.PASS, "matches expectation: true"),
            result("port", "tcp:80", "listening", Outcome.FAIL, "expected true, found false"),
            result("disk", "/", "free_mb", Outcome.WARN, "expected {gt: 1024}, found 12"),
            result("memory", "m", "total_mb", Outcome.SKIP, "skipped"))));

    @Test
    void documentationListsEveryPropertyThenFailuresThenCounts() {
        String text = ReportFormat.DOCUMENTATION.render(REPORTS);
        assertThat(text).contains("File: /etc/passwd: exists: matches expectation: true\n")
                .contains("Failures/Skipped:")
                .contains("FAIL: Port: tcp:80: listening: expected true, found false  (c.yml:3:3)")
                .contains("WARN: Disk: /: free_mb: expected {gt: 1024}, found 12 (warning)")
                .contains("Count: 4, Failed: 1, Warnings: 1, Skipped: 1, Duration: 0.120s");
    }

    @Test
    void jsonHasGossResultFieldsPerHost() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(REPORTS));
        JsonNode host = json.path("hosts").get(0);
        assertThat(host.path("host").asText()).isEqualTo("lab3");
        JsonNode failed = host.path("results").get(1);
        assertThat(failed.path("resource-type").asText()).isEqualTo("Port");
        assertThat(failed.path("resource-id").asText()).isEqualTo("tcp:80");
        assertThat(failed.path("successful").asBoolean()).isFalse();
        assertThat(failed.path("result").asInt()).isEqualTo(1);
        assertThat(host.path("summary").path("test-count").asInt()).isEqualTo(4);
        assertThat(host.path("summary").path("failed-count").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("healthy").asBoolean()).isFalse();
    }

    @Test
    void junitTapNagiosAndPrometheus() {
        assertThat(ReportFormat.JUNIT.render(REPORTS)).contains("tests=\"4\" failures=\"1\" skipped=\"1\"")
                .contains("<failure message=\"expected true, found false\">").contains("<skipped/>");
        assertThat(ReportFormat.TAP.render(REPORTS)).startsWith("1..4\nok 1 - lab3: File")
                .contains("not ok 2 - lab3: Port: tcp:80").contains("# TODO warning").contains("ok 4 - lab3: Memory")
                .contains("# SKIP");
        assertThat(ReportFormat.NAGIOS.render(REPORTS)).startsWith("DROVER CRITICAL - Count: 4, Failed: 1")
                .contains("|total=4 failed=1 warnings=1 skipped=1");
        assertThat(ReportFormat.nagiosStatus(REPORTS)).isEqualTo(2);
        assertThat(ReportFormat.PROMETHEUS.render(REPORTS))
                .contains("drover_check_result{host=\"lab3\",type=\"port\",id=\"tcp:80\",property=\"listening\"} 0")
                .contains("drover_check_outcomes{host=\"lab3\",outcome=\"warn\"} 1")
                .contains("drover_check_healthy{host=\"lab3\"} 0");
        assertThat(ReportFormat.named("Prometheus")).contains(ReportFormat.PROMETHEUS);
        assertThat(ReportFormat.named("xml")).isEmpty();
    }
}
