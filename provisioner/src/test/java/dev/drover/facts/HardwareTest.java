package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareTest {

    /** Two sockets of two cores with hyperthreading, shortened to the lines Ansible reads. */
    private static String cpuinfo() {
        StringBuilder text = new StringBuilder();
        for (int cpu = 0; cpu < 8; cpu++) {
            text.append("processor\t: ").append(cpu).append('\n')
                    .append("vendor_id\t: GenuineIntel\n")
                    .append("model name\t: Intel(R) Xeon(R)\n")
                    .append("physical id\t: ").append(cpu / 4).append('\n')
                    .append("siblings\t: 4\n")
                    .append("core id\t\t: ").append(cpu % 2).append('\n')
                    .append("cpu cores\t: 2\n\n");
        }
        return text.toString();
    }

    @Test
    void processorsAreCountedAsAnsibleCountsThem() {
        Map<String, Object> facts = new LinkedHashMap<>();
        Hardware.cpu(new Sections().file("/proc/cpuinfo", cpuinfo()).section("nproc", "8").raw(), "x86_64", facts);

        assertThat(facts.get("processor")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(24).startsWith("0", "GenuineIntel", "Intel(R) Xeon(R)");
        assertThat(facts).containsEntry("processor_count", 2).containsEntry("processor_cores", 2)
                .containsEntry("processor_threads_per_core", 2).containsEntry("processor_vcpus", 8)
                .containsEntry("processor_nproc", 8);
    }

    @Test
    void aVirtualMachineWithoutTopologyLines() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n\n"
                + "processor\t: 1\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n";
        Map<String, Object> facts = new LinkedHashMap<>();
        Hardware.cpu(new Sections().file("/proc/cpuinfo", cpuinfo).section("nproc", "2").raw(), "x86_64", facts);

        assertThat(facts).containsEntry("processor", List.of("0", "AuthenticAMD", "AMD EPYC", "1", "AuthenticAMD", "AMD EPYC"))
                .containsEntry("processor_count", 2).containsEntry("processor_cores", 1)
                .containsEntry("processor_threads_per_core", 1).containsEntry("processor_vcpus", 2);
    }

    @Test
    void memoryInMegabytesRoundedDown() {
        Map<String, Object> facts = new LinkedHashMap<>();
        Hardware.memory("""
                MemTotal:       24683520 kB
                MemFree:        23847936 kB
                Buffers:           10240 kB
                Cached:           178176 kB
                SwapCached:            0 kB
                SwapTotal:       1048572 kB
                SwapFree:        1048572 kB
                """, facts);

        assertThat(facts).containsEntry("memtotal_mb", 24105L).containsEntry("memfree_mb", 23289L)
                .containsEntry("swaptotal_mb", 1023L).containsEntry("swapfree_mb", 1023L);
        assertThat(facts.get("memory_mb")).isEqualTo(Map.of(
                "real", Map.of("total", 24105L, "used", 816L, "free", 23289L),
                "nocache", Map.of("free", 23473L, "used", 632L),
                "swap", Map.of("total", 1023L, "free", 1023L, "used", 0L, "cached", 0L)));
    }
}
