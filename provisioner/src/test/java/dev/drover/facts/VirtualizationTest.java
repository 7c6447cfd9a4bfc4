package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualizationTest {

    private static Map<String, Object> describe(Sections sections) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Virtualization.describe(sections.raw(), facts);
        return facts;
    }

    @Test
    void aSystemdNspawnContainer() {
        Map<String, Object> facts = describe(new Sections().file("/run/systemd/container", "systemd-nspawn\n")
                .section("environ1", "container=systemd-nspawn"));

        assertThat(facts).containsEntry("virtualization_type", "container").containsEntry("virtualization_role", "guest")
                .containsEntry("virtualization_tech_guest", List.of("container", "systemd-nspawn"))
                .containsEntry("virtualization_tech_host", List.of());
    }

    @Test
    void dockerByItsCgroup() {
        Map<String, Object> facts = describe(new Sections().file("/proc/1/cgroup", "0::/docker/0123abcd\n").exists("/.dockerenv"));

        assertThat(facts).containsEntry("virtualization_type", "docker").containsEntry("virtualization_role", "guest")
                .containsEntry("virtualization_tech_guest", List.of("container", "docker"));
    }

    @Test
    void aKvmGuestByDmiAndAHostByDevKvm() {
        assertThat(describe(new Sections().file("/sys/devices/virtual/dmi/id/sys_vendor", "QEMU\n")))
                .containsEntry("virtualization_type", "kvm").containsEntry("virtualization_role", "guest");
        assertThat(describe(new Sections().exists("/dev/kvm")))
                .containsEntry("virtualization_type", "kvm").containsEntry("virtualization_role", "host")
                .containsEntry("virtualization_tech_host", List.of("kvm"));
    }

    @Test
    void bareMetal() {
        assertThat(describe(new Sections())).containsEntry("virtualization_type", "NA").containsEntry("virtualization_role", "NA");
    }
}
