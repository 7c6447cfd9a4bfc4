package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FactDifferencesTest {

    private static Map<String, Object> facts(Object... pairs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("ansible_memtotal_mb", 1000);
        for (int i = 0; i < pairs.length; i += 2) {
            facts.put((String) pairs[i], pairs[i + 1]);
        }
        return facts;
    }

    @Test
    void equalFactsHaveNoDifferences() {
        Map<String, Object> same = facts("ansible_hostname", "lab1", "ansible_lo", Map.of("mtu", 65536));
        assertThat(FactDifferences.between(same, same, Set.of())).isEmpty();
    }

    @Test
    void everyDifferenceIsListedWithItsPath() {
        List<String> differences = FactDifferences.between(
                facts("ansible_hostname", "lab1", "ansible_lo", Map.of("mtu", 65536, "type", "loopback"), "ansible_only", 1),
                facts("ansible_hostname", "lab2", "ansible_lo", Map.of("mtu", "65536", "type", "loopback"), "ansible_extra", 2),
                Set.of());

        assertThat(differences).containsExactlyInAnyOrder(
                "ansible_hostname: ansible 'lab1' != drover 'lab2'",
                "ansible_lo.mtu: ansible 65536 (Integer) != drover '65536'",
                "ansible_only: missing in drover; ansible: 1",
                "ansible_extra: only drover has it: 2");
    }

    @Test
    void volatileValuesWithinTheirTolerance() {
        assertThat(FactDifferences.between(facts("ansible_memfree_mb", 500, "ansible_uptime_seconds", 100),
                facts("ansible_memfree_mb", 560, "ansible_uptime_seconds", 160), Set.of())).isEmpty();
        assertThat(FactDifferences.between(facts("ansible_memfree_mb", 500), facts("ansible_memfree_mb", 700), Set.of()))
                .singleElement().asString().startsWith("ansible_memfree_mb: ansible 500 and drover 700 differ");
    }

    @Test
    void sessionVariablesAndClientPortsAreNotCompared() {
        Map<String, Object> ansibleEnv = Map.of("HOME", "/root", "SSH_CLIENT", "10.0.0.1 4000 22", "TERM", "xterm");
        Map<String, Object> droverEnv = Map.of("HOME", "/root", "SSH_CLIENT", "10.0.0.1 5000 22");
        assertThat(FactDifferences.between(facts("ansible_env", ansibleEnv), facts("ansible_env", droverEnv), Set.of())).isEmpty();
    }

    @Test
    void interfacesAreASet() {
        assertThat(FactDifferences.between(facts("ansible_interfaces", List.of("lo", "eth0")),
                facts("ansible_interfaces", List.of("eth0", "lo")), Set.of())).isEmpty();
        assertThat(FactDifferences.between(facts("ansible_interfaces", List.of("lo", "eth0")),
                facts("ansible_interfaces", List.of("lo")), Set.of())).hasSize(1);
    }
}
