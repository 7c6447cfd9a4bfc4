package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/workflows/ that act on nodes, run as written against a lab host
 * (-Ddrover.lab=true; -Ddrover.labHost=ADDRESS, default lab9's 10.77.0.19).
 */
@EnabledIfSystemProperty(named = "drover.lab", matches = "true")
class WorkflowLabTest {

    private static final String HOST = System.getProperty("drover.labHost", "10.77.0.19");
    private static final String SSH = "ssh -i /var/lib/drover-lab/ssh/id_ed25519"
            + " -o UserKnownHostsFile=/var/lib/drover-lab/ssh/known_hosts -o BatchMode=yes -o ConnectTimeout=10";

    @Test
    void theRollingRestartAndTheNightlyReportRunOnALabHost(@TempDir Path dir) throws Exception {
        try (WorkflowFixture f = new WorkflowFixture(dir)) {
            for (String example : List.of("rolling-restart.yml", "nightly-report.yml")) {
                Files.copy(Path.of("..", "docs", "workflows", example), dir.resolve("workflows").resolve(example));
            }
            RunRecord restart = f.run("rolling-restart", Map.of("nodes", List.of(HOST), "ssh", SSH));
            assertThat(restart.status()).as(restart.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(step(restart, "summary").outputs()).containsEntry("stdout", "restarted " + HOST);
            assertThat(step(restart, "report_failure").status()).isEqualTo(StepStatus.SKIPPED);

            RunRecord broken = f.run("rolling-restart", Map.of("nodes", List.of(HOST), "ssh", SSH, "service", "no-such-service"));
            assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
            assertThat(step(broken, "report_failure").outputs().get("stderr").toString()).startsWith("rollout stopped: 1 of 1 items failed");
            assertThat(step(broken, "summary").status()).isEqualTo(StepStatus.PENDING);

            RunRecord report = f.run("nightly-report", Map.of("nodes", List.of(HOST, HOST), "ssh", SSH));
            assertThat(report.status()).as(report.error()).isEqualTo(RunStatus.SUCCEEDED);
            String total = step(report, "total").outputs().get("stdout").toString();
            assertThat(total).matches("\\d+ KiB used");
            assertThat(Long.parseLong(total.split(" ")[0])).isGreaterThan(0);
        }
    }
}
