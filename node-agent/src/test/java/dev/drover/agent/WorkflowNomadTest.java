package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadDouble;
import dev.drover.nomad.NomadSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nomad step against the Nomad contract double: drain this node, run a job and wait for it, undrain. */
class WorkflowNomadTest {

    @Test
    void drainsRunsAJobUntilDeployedAndUndrains(@TempDir Path dir) throws Exception {
        try (NomadDouble nomad = new NomadDouble()) {
            Files.createDirectories(dir.resolve("workflows"));
            Files.writeString(dir.resolve("web.json"), AgentNomadTest.job("web", 500, null));
            Files.writeString(dir.resolve("workflows/upgrade.yml"), """
                    steps:
                      - {id: drain, type: nomad, action: drain}
                      - {id: deploy, type: nomad, needs: drain, action: run, job_file: %s, wait: true, wait_timeout: 20s}
                      - {id: undrain, type: nomad, needs: deploy, action: undrain}
                      - {id: missing, type: nomad, action: stop, job: nope, on_failure: continue}
                    """.formatted(dir.resolve("web.json")));
            try (AgentFixture f = AgentFixture.start(dir, "nomad:\n  address: " + nomad.address() + "\n  node: node-1\n")) {
                String id = f.json(f.post("/api/v1/workflows/upgrade/runs", AgentFixture.OPERATOR, "{}")).path("id").asText();
                JsonNode[] run = new JsonNode[1];
                AgentEventsTest.waitFor(() -> {
                    run[0] = f.json(f.get("/api/v1/workflows/runs/" + id));
                    return !run[0].path("status").asText().equals("running");
                }, Duration.ofSeconds(30));
                assertThat(run[0].path("status").asText()).as(run[0].toString()).isEqualTo("succeeded");
                JsonNode steps = run[0].path("steps");
                assertThat(steps.get(1).path("outputs").path("deployment_status").asText()).isEqualTo("successful");
                assertThat(steps.get(1).path("outputs").path("eval_id").asText()).isNotEmpty();
                assertThat(steps.get(3).path("status").asText()).isEqualTo("failed");
                NomadClient client = new NomadClient(NomadSettings.at(nomad.address()));
                assertThat(client.jobOrNull("web")).isNotNull();
                JsonNode node = null;
                for (JsonNode n : client.nodes()) {
                    if (n.path("Name").asText().equals("node-1")) {
                        node = client.node(n.path("ID").asText());
                    }
                }
                assertThat(node.path("DrainStrategy").isNull()).isTrue();
                assertThat(node.path("SchedulingEligibility").asText()).isEqualTo("eligible");
            }
        }
    }
}
