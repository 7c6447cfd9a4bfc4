package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatherSubsetTest {

    @Test
    void allIsEveryCollector() {
        assertThat(GatherSubset.resolve(List.of("all"))).containsExactlyInAnyOrder(Collector.values());
        assertThat(GatherSubset.resolve(List.of())).containsExactlyInAnyOrder(Collector.values());
    }

    @Test
    void notAllKeepsTheMinimalCollectors() {
        Set<Collector> selected = GatherSubset.resolve(List.of("!all"));

        assertThat(selected).contains(Collector.PLATFORM, Collector.DISTRIBUTION, Collector.DATE_TIME, Collector.LOCAL, Collector.USER)
                .doesNotContain(Collector.HARDWARE, Collector.NETWORK, Collector.VIRTUAL, Collector.LOADAVG);
    }

    @Test
    void notAllNotMinSelectsNothing() {
        assertThat(GatherSubset.resolve(List.of("!all", "!min"))).isEmpty();
    }

    @Test
    void aCollectorBringsTheCollectorsItNeeds() {
        assertThat(GatherSubset.resolve(List.of("!all", "!min", "network")))
                .containsExactlyInAnyOrder(Collector.NETWORK, Collector.PLATFORM, Collector.DISTRIBUTION);
        assertThat(GatherSubset.resolve(List.of("hardware", "!min")))
                .containsExactlyInAnyOrder(Collector.HARDWARE, Collector.PLATFORM);
    }

    @Test
    void aFactIdSelectsItsCollector() {
        assertThat(GatherSubset.resolve(List.of("!all", "!min", "processor")))
                .containsExactlyInAnyOrder(Collector.HARDWARE, Collector.PLATFORM);
        assertThat(GatherSubset.resolve(List.of("!all", "!min", "interfaces"))).contains(Collector.NETWORK);
    }

    @Test
    void anExclusionRemovesACollectorUnlessItIsAskedForExplicitly() {
        assertThat(GatherSubset.resolve(List.of("all", "!hardware"))).doesNotContain(Collector.HARDWARE).contains(Collector.NETWORK);
        assertThat(GatherSubset.resolve(List.of("!hardware", "hardware"))).contains(Collector.HARDWARE);
        // a collector another one needs comes back, as in Ansible
        assertThat(GatherSubset.resolve(List.of("all", "!platform"))).contains(Collector.PLATFORM, Collector.HARDWARE);
        assertThat(GatherSubset.resolve(List.of("!all", "!min", "!platform", "dns"))).containsExactly(Collector.DNS);
    }

    @Test
    void anUnknownSubsetIsRejectedWithAnsiblesMessage() {
        assertThatThrownBy(() -> GatherSubset.resolve(List.of("hardwar")))
                .hasMessageStartingWith("Bad subset 'hardwar' given to Ansible. gather_subset options allowed: all, all_ipv4_addresses, all_ipv6_addresses, apparmor,")
                .hasMessageEndingWith(", virtualization_tech_host, virtualization_type");
        // excluding an unknown name is no error; and an exclusion alone leaves min, as in Ansible
        assertThat(GatherSubset.resolve(List.of("!nonsense"))).isEqualTo(GatherSubset.resolve(List.of("min")));
        assertThat(GatherSubset.resolve(List.of("!hardware"))).doesNotContain(Collector.NETWORK, Collector.HARDWARE);
    }
}
