package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactGathererTest {

    @Test
    void filterMatchesWithAndWithoutThePrefix() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_distribution", "Debian");
        facts.put("ansible_distribution_version", "12");
        facts.put("ansible_os_family", "Debian");
        facts.put("ansible_user_id", "root");
        facts.put("gather_subset", List.of("all"));

        assertThat(FactGatherer.filter(facts, List.of("ansible_distribution*", "os_family")).keySet())
                .containsExactly("ansible_distribution", "ansible_distribution_version", "ansible_os_family");
        assertThat(FactGatherer.filter(facts, List.of("user_?d", "[g]ather_*")).keySet()).containsExactly("ansible_user_id", "gather_subset");
        assertThat(FactGatherer.filter(facts, List.of("*"))).isEqualTo(facts);
    }

    /** The command itself, run by this machine's /bin/sh: what a Linux host would answer. */
    @Test
    void theCommandRunsInAPosixShellAndDescribesThisMachine() throws IOException, InterruptedException {
        String script = FactScript.build(EnumSet.allOf(Collector.class), "/nonexistent/facts.d");
        Process process = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String kernel = new String(new ProcessBuilder("uname", "-r").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        Map<String, Object> facts = FactGatherer.describe(EnumSet.allOf(Collector.class), RawFacts.parse(out), new ArrayList<>());

        assertThat(facts).containsEntry("system", "Linux").containsEntry("kernel", kernel).containsEntry("local", Map.of())
                .containsKeys("date_time", "env", "user_id", "processor_vcpus", "memtotal_mb", "mounts", "interfaces",
                        "virtualization_type", "service_mgr", "pkg_mgr", "distribution", "os_family", "dns", "fips");
        assertThat(facts.get("env")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("PATH");
        assertThat((List<?>) facts.get("interfaces")).isNotEmpty();
    }
}
