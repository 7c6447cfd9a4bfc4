package dev.drover.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every jobs/*.nomad.j2 template, rendered for every host of the test inventory, is HCL that
 * hcl4j parses, that holds a job with groups and tasks that each have a driver and a config,
 * and whose brackets, strings, heredocs and block nesting are sound (HclShape: what hcl4j
 * itself lets through).
 */
class JobHclTest {

    private static final List<String> HOSTS = List.of("small", "mid", "big", "facts_only");

    static Stream<Arguments> renderedJobs() {
        return ClusterJobs.templates().stream()
                .flatMap(template -> HOSTS.stream().map(host -> Arguments.of(template.getFileName().toString(), host)));
    }

    @Test
    void everyJobTemplateIsCovered() {
        assertThat(ClusterJobs.templates()).extracting(Path::getFileName).extracting(Path::toString)
                .containsExactlyInAnyOrder("drover-agent.nomad.j2", "drover-shell.nomad.j2", "drover-step.nomad.j2", "llama-expert.nomad.j2", "llama-rpc-worker.nomad.j2");
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("renderedJobs")
    void theRenderedJobIsSoundHcl(String template, String host) {
        String hcl = ClusterJobs.render(template, host, Map.of());

        assertThat(HclShape.problems(hcl)).as(hcl).isEmpty();
        Map<String, Object> jobs = child(ClusterJobs.parse(hcl), "job");
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = child(jobs, jobs.keySet().iterator().next());
        assertThat(job).containsKeys("datacenters", "type");
        Map<String, Object> groups = child(job, "group");
        assertThat(groups).isNotEmpty();
        for (String group : groups.keySet()) {
            Map<String, Object> tasks = child(child(groups, group), "task");
            assertThat(tasks).isNotEmpty();
            for (String task : tasks.keySet()) {
                assertThat(child(tasks, task)).containsKeys("driver", "config", "resources");
            }
        }
    }

    @ParameterizedTest(name = "{0} for {1} of inventory/example.yml")
    @MethodSource("exampleJobs")
    void theShippedExampleInventoryRendersEveryJob(String template, String host) {
        String hcl = ClusterJobs.render(template, ClusterJobs.EXAMPLE_INVENTORY, host, Map.of());

        assertThat(HclShape.problems(hcl)).as(hcl).isEmpty();
        assertThat(ClusterJobs.parse(hcl)).containsKey("job");
    }

    static Stream<Arguments> exampleJobs() {
        return ClusterJobs.templates().stream().flatMap(template -> Stream.of("node1", "node2", "node3")
                .map(host -> Arguments.of(template.getFileName().toString(), host)));
    }

    @Test
    void theShapeCheckCatchesWhatHcl4jLetsThrough() {
        String good = ClusterJobs.render("llama-expert.nomad.j2", "mid", Map.of());
        assertThat(HclShape.problems(good)).isEmpty();

        assertThat(HclShape.problems(good.substring(0, good.lastIndexOf('}'))))
                .containsExactly("line 1 col 22: '{' is never closed");
        assertThat(HclShape.problems(good + "}\n")).singleElement().asString().endsWith("'}' closes nothing");
        assertThat(HclShape.problems(good.replace("tags     = [", "tags     = [[")))
                .anySatisfy(p -> assertThat(p).contains("'}' closes '['"));
        assertThat(HclShape.problems(good.replace("\"\nEOT\n", "\"EOT\n")))
                .anySatisfy(p -> assertThat(p).contains("heredoc EOT never ends"));
        assertThat(HclShape.problems(good.replace("driver = \"exec\"", "driver = \"exec")))
                .anySatisfy(p -> assertThat(p).contains("string not closed on its line"));
        assertThat(HclShape.problems(good.replace("    service {", "    servce {")))
                .anySatisfy(p -> assertThat(p).contains("unknown block 'servce'"));
        assertThat(HclShape.problems(good.replace("      check {", "      }\n      check {")))
                .anySatisfy(p -> assertThat(p).contains("block 'check' inside 'group'"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key + " in " + parent.keySet()).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }
}
