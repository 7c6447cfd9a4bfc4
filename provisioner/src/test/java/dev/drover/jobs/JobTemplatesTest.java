package dev.drover.jobs;

import static dev.drover.jobs.ClusterJobs.parse;
import static dev.drover.jobs.ClusterJobs.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.template.TemplateError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs/ templates rendered for the test inventory's hosts with the repository's
 * group_vars: what an operator would see in Nomad and Consul.
 */
class JobTemplatesTest {

    private static final String EXPERT = "llama-expert.nomad.j2";

    @Test
    void anExpertOnASixGigabyteNodeRunsTheMidSizedModel() {
        // 6144 MB - 2048 MB reserve = 4096 MB: the 7B (6144) does not fit, the 1.5B (2048) does.
        Map<String, Object> task = task(job(render(EXPERT, "mid", Map.of())), "expert-general");

        assertThat(args(task)).contains("--model /models/qwen2.5-1.5b-instruct-q4_k_m.gguf");
        assertThat(at(task, "resources", "memory")).isEqualTo(2048.0);
    }

    @Test
    void anExpertOnAThirtyTwoGigabyteNodeRunsTheLargestModel() {
        Map<String, Object> job = job(render(EXPERT, "big", Map.of("expert", "general")));

        assertThat(at(job, "meta", "model")).isEqualTo("qwen2.5-7b-instruct-q4_k_m");
        assertThat(args(task(job, "expert-general"))).contains("--model /models/Qwen2.5-7B-Instruct-Q4_K_M.gguf");
        assertThat(at(task(job, "expert-general"), "resources", "memory")).isEqualTo(6144.0);
    }

    @Test
    void anExpertOnAOneGigabyteNodeRunsTheSmallestModelEvenThoughNoneFits() {
        Map<String, Object> job = job(render(EXPERT, "small", Map.of()));

        assertThat(at(job, "meta", "model")).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m");
        assertThat(at(task(job, "expert-general"), "resources", "memory")).isEqualTo(1024.0);
    }

    @Test
    void theLargestFittingModelOfTheExpertsOwnListIsChosen() {
        // big's own expert is coder, whose largest model is the 1.5B.
        Map<String, Object> job = job(render(EXPERT, "big", Map.of()));

        assertThat(job).containsKey("group");
        assertThat(at(job, "meta", "expert")).isEqualTo("coder");
        assertThat(at(job, "meta", "model")).isEqualTo("qwen2.5-coder-1.5b-instruct-q4_k_m");
    }

    @Test
    void withoutNodeMemoryMbTheGatheredFactDecides() {
        Map<String, Object> job = job(render(EXPERT, "facts_only", Map.of()));

        assertThat(at(job, "meta", "model")).isEqualTo("qwen2.5-coder-1.5b-instruct-q4_k_m");
        assertThat(at(job, "meta", "chosen_for")).isEqualTo("facts_only: 6144 MB - 2048 MB reserve");
    }

    @Test
    void aLargerReserveMovesTheChoiceDown() {
        Map<String, Object> job = job(render(EXPERT, "mid", Map.of("expert_memory_reserve_mb", 5000)));

        assertThat(at(job, "meta", "model")).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m");
    }

    @Test
    void theExpertsNameIsTheSameForJobGroupTaskServiceAndTag() {
        Map<String, Object> parsed = parse(render(EXPERT, "mid", Map.of()));

        assertThat(map(parsed, "job").keySet()).containsExactly("expert-general");
        Map<String, Object> job = job(parsed);
        assertThat(map(job, "group").keySet()).containsExactly("expert-general");
        Map<String, Object> group = map(map(job, "group"), "expert-general");
        assertThat(map(group, "task").keySet()).containsExactly("expert-general");
        assertThat(at(group, "service", "name")).isEqualTo("expert-general");
        assertThat(strings(at(group, "service", "tags")))
                .containsExactly("expert-general", "model-qwen2.5-1.5b-instruct-q4_k_m", "node-mid", "tier-mid");
    }

    @Test
    void theExpertIsHealthCheckedOverHttpOnHealthAndPinnedToItsNode() {
        String hcl = render(EXPERT, "mid", Map.of());
        Map<String, Object> job = job(hcl);
        Map<String, Object> group = map(map(job, "group"), "expert-general");

        assertThat(at(group, "service", "check", "type")).isEqualTo("http");
        assertThat(at(group, "service", "check", "path")).isEqualTo("/health");
        assertThat(at(group, "service", "port")).isEqualTo("http");
        assertThat(at(group, "network", "port", "http", "static")).isEqualTo(8080.0);
        assertThat(at(group, "volume", "models", "source")).isEqualTo("models");
        // hcl4j evaluates ${...} itself, so the runtime interpolation is checked in the text.
        assertThat(hcl).contains("attribute = \"${node.unique.name}\"", "value     = \"mid\"");
    }

    @Test
    void theExpertFindsItsRpcWorkersInConsulThroughAnEnvTemplate() {
        String hcl = render(EXPERT, "mid", Map.of());
        Map<String, Object> task = task(job(hcl), "expert-general");

        assertThat(at(task, "template", "destination")).isEqualTo("local/rpc-workers.env");
        assertThat(at(task, "template", "env")).isEqualTo(true);
        assertThat(at(task, "template", "change_mode")).isEqualTo("restart");
        // Consul-Template's syntax survives drover's rendering untouched ({% raw %}).
        assertThat((String) at(task, "template", "data")).isEqualTo(
                "LLAMA_RPC_ARGS=\"{{ range $i, $w := service \"llama-rpc\" }}{{ if eq $i 0 }}--rpc {{ else }},{{ end }}"
                        + "{{ $w.Address }}:{{ $w.Port }}{{ end }}\"\n");
        assertThat(args(task)).endsWith(" $LLAMA_RPC_ARGS");
        // ... and it asks Consul for the service the worker job registers.
        Map<String, Object> worker = job(render("llama-rpc-worker.nomad.j2", "mid", Map.of()));
        assertThat(at(map(map(worker, "group"), "llama-rpc"), "service", "name")).isEqualTo("llama-rpc");
    }

    @Test
    void withRawExecTheExpertReadsTheModelFromTheHostAndMountsNothing() {
        Map<String, Object> task = task(job(render(EXPERT, "mid", Map.of("expert_task_driver", "raw_exec"))),
                "expert-general");

        assertThat(at(task, "driver")).isEqualTo("raw_exec");
        assertThat(task).doesNotContainKey("volume_mount");
        assertThat(args(task)).contains("--model /var/lib/drover/models/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    }

    @Test
    void anExpertWithoutAPortOfItsOwnGetsOneFromNomad() {
        Map<String, Object> job = job(render(EXPERT, "mid", Map.of("expert_ports", Map.of())));

        assertThat(at(map(map(job, "group"), "expert-general"), "network", "port", "http")).isEqualTo(Map.of());
    }

    @Test
    void anExpertMissingFromExpertModelsIsAnError() {
        assertThatThrownBy(() -> render(EXPERT, "mid", Map.of("expert", "poet")))
                .isInstanceOf(TemplateError.class).hasMessageContaining("has no attribute 'poet'");
    }

    @Test
    void theRpcWorkerRunsOnEveryNodeWithATcpCheckAndNodeAndTierTags() {
        String hcl = render("llama-rpc-worker.nomad.j2", "mid", Map.of());
        Map<String, Object> parsed = parse(hcl);
        Map<String, Object> job = job(parsed);
        Map<String, Object> group = map(map(job, "group"), "llama-rpc");
        Map<String, Object> task = map(map(group, "task"), "llama-rpc");

        assertThat(map(parsed, "job").keySet()).containsExactly("llama-rpc");
        assertThat(at(job, "type")).isEqualTo("system");
        assertThat(at(task, "driver")).isEqualTo("raw_exec");
        assertThat(at(task, "config", "command")).isEqualTo("/usr/local/bin/rpc-server");
        assertThat(at(group, "network", "port", "rpc", "static")).isEqualTo(50052.0);
        assertThat(at(group, "service", "check", "type")).isEqualTo("tcp");
        assertThat(hcl).contains("tags = [\"llama-rpc\", \"node-${node.unique.name}\", \"tier-${meta.node_tier}\"]",
                "args = [\"--host\", \"${NOMAD_IP_rpc}\", \"--port\", \"${NOMAD_PORT_rpc}\"]");
    }

    @Test
    void theAgentJobRunsTheNodeAgentRolesJarAndConfigWithAHealthzCheck() {
        Map<String, Object> job = job(render("drover-agent.nomad.j2", "mid", Map.of()));
        Map<String, Object> group = map(map(job, "group"), "drover-agent");
        Map<String, Object> task = map(map(group, "task"), "drover-agent");

        assertThat(at(job, "type")).isEqualTo("system");
        assertThat(at(task, "driver")).isEqualTo("raw_exec");
        assertThat(strings(at(task, "config", "args"))).containsExactly("-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", "/opt/drover/agent/drover-agent.jar",
                "--config", "/etc/drover/agent/agent.yml");
        assertThat(at(group, "service", "name")).isEqualTo("drover-agent");
        assertThat(at(group, "service", "check", "path")).isEqualTo("/healthz");
        assertThat(at(group, "network", "port", "http", "static")).isEqualTo(8700.0);
    }

    @Test
    void theAgentJobFollowsTheNodeAgentRolesVariables() {
        Map<String, Object> job = job(render("drover-agent.nomad.j2", "mid", Map.of(
                "node_agent_install_dir", "/srv/agent", "node_agent_config_dir", "/srv/etc",
                "node_agent_port", 9700, "node_agent_heap_mb", 256)));
        Map<String, Object> group = map(map(job, "group"), "drover-agent");
        Map<String, Object> task = map(map(group, "task"), "drover-agent");

        assertThat(strings(at(task, "config", "args"))).contains("-Xmx256m", "/srv/agent/drover-agent.jar",
                "/srv/etc/agent.yml");
        assertThat(at(task, "resources", "memory")).isEqualTo(384.0);
        assertThat(at(group, "network", "port", "http", "static")).isEqualTo(9700.0);
    }

    @Test
    void theStepJobHandsTheDispatchedStepToTheNodesOwnAgent() {
        String hcl = render("drover-step.nomad.j2", "mid", Map.of());
        Map<String, Object> job = job(hcl);
        Map<String, Object> task = task(job, "step");

        assertThat(at(job, "type")).isEqualTo("batch");
        assertThat(strings(at(job, "parameterized", "meta_required"))).containsExactly("run_id", "step_id");
        assertThat(strings(at(job, "parameterized", "meta_optional"))).containsExactly("item", "dispatch_token");
        assertThat(at(task, "driver")).isEqualTo("raw_exec");
        assertThat(at(task, "dispatch_payload", "file")).isEqualTo("step.json");
        assertThat(at(task, "config", "command")).isEqualTo("/usr/bin/java");
        assertThat(strings(at(task, "config", "args"))).containsSubsequence("-jar", "/opt/drover/agent/drover-agent.jar",
                "run-step", "--config", "/etc/drover/agent/agent.yml");
        // hcl4j reads an interpolation as its bare name; Nomad gets the text
        assertThat(hcl).contains("\"/etc/drover/agent/agent.yml\", \"${NOMAD_TASK_DIR}/step.json\"]");
        assertThat(at(map(map(job, "group"), "step"), "restart", "attempts")).isEqualTo(0.0);
    }

    @Test
    void theStepJobFollowsTheNodeAgentRolesPathsAndAnOptionalNodeClass() {
        Map<String, Object> job = job(render("drover-step.nomad.j2", "mid", Map.of(
                "node_agent_install_dir", "/srv/agent", "node_agent_config_dir", "/srv/etc", "drover_step_node_class", "gpu")));

        assertThat(strings(at(task(job, "step"), "config", "args"))).contains("/srv/agent/drover-agent.jar", "/srv/etc/agent.yml");
        assertThat(at(job, "constraint", "value")).isEqualTo("gpu");
    }

    // --- reading hcl4j's maps: blocks with labels nest as maps keyed by label ---

    private static Map<String, Object> job(String hcl) {
        return job(parse(hcl));
    }

    private static Map<String, Object> job(Map<String, Object> parsed) {
        Map<String, Object> jobs = map(parsed, "job");
        assertThat(jobs).hasSize(1);
        return map(jobs, jobs.keySet().iterator().next());
    }

    private static Map<String, Object> task(Map<String, Object> job, String name) {
        return map(map(map(map(job, "group"), name), "task"), name);
    }

    private static String args(Map<String, Object> task) {
        List<?> args = (List<?>) at(task, "config", "args");
        assertThat(args).hasSize(2).first().isEqualTo("-c");
        return (String) args.get(1);
    }

    private static List<String> strings(Object list) {
        assertThat(list).isInstanceOf(List.class);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("block " + key + " in " + parent.keySet()).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Object at(Map<String, Object> start, String... path) {
        Map<String, Object> current = start;
        for (int i = 0; i < path.length - 1; i++) {
            current = map(current, path[i]);
        }
        assertThat(current).as("attribute " + path[path.length - 1]).containsKey(path[path.length - 1]);
        return current.get(path[path.length - 1]);
    }
}
