package dev.drover.jobs;

import static dev.drover.jobs.ClusterJobs.INVENTORY;
import static dev.drover.jobs.ClusterJobs.parse;
import static dev.drover.jobs.ClusterJobs.render;
import static dev.drover.jobs.ClusterJobs.renderText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * group_vars/all/experts.yml: the one rule that picks a node's expert and model, read by the
 * models role (which file to download), the experts role (which host submits which expert)
 * and jobs/llama-expert.nomad.j2 (what the job runs). The file the models role downloads is
 * the file the job loads, for every host. (expert_host needs hostvars, a play's variable:
 * ExpertHostPlaybookTest.)
 */
class ExpertChoiceTest {

    private static String choice(java.nio.file.Path inventory, String host, Map<String, Object> extra) {
        return renderText("{{ expert_model.filename }}|{{ expert_on_this_node }}", inventory, host, extra);
    }

    @Test
    void theModelTheModelsRoleDownloadsIsTheOneTheJobRuns() {
        for (String host : List.of("small", "mid", "big", "facts_only")) {
            String filename = choice(INVENTORY, host, Map.of()).split("\\|")[0];
            String hcl = render("llama-expert.nomad.j2", host, Map.of());
            parse(hcl);
            assertThat(hcl).as(host).contains("--model /models/" + filename + " ");
        }
    }

    @Test
    void theChoiceFollowsMemoryAndReserve() {
        assertThat(choice(INVENTORY, "mid", Map.of())).startsWith("qwen2.5-1.5b-instruct-q4_k_m.gguf|");
        assertThat(choice(INVENTORY, "small", Map.of())).startsWith("qwen2.5-0.5b-instruct-q4_k_m.gguf|");
        assertThat(choice(INVENTORY, "mid", Map.of("expert_memory_reserve_mb", 5000)))
                .startsWith("qwen2.5-0.5b-instruct-q4_k_m.gguf|");
        assertThat(choice(INVENTORY, "big", Map.of("expert", "general"))).startsWith("Qwen2.5-7B-Instruct-Q4_K_M.gguf|");
    }

    @Test
    void aTierLeftOutOfExpertNodeTiersRunsNoExpert() {
        Map<String, Object> noEdge = Map.of("expert_node_tiers", List.of("mid", "core"));

        assertThat(choice(INVENTORY, "small", noEdge)).endsWith("|False");
        assertThat(choice(INVENTORY, "mid", noEdge)).endsWith("|True");
        assertThat(choice(INVENTORY, "small", Map.of())).endsWith("|True");
    }
}
