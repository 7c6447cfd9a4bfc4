package dev.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeProbeTest {

    @Test
    void uptimeIsTheFirstFieldInWholeSeconds() {
        assertThat(NodeProbe.parseUptimeSeconds("23694.90 12120.21\n")).isEqualTo(23694);
        assertThat(NodeProbe.parseUptimeSeconds("")).isZero();
    }

    @Test
    void loadIsTheFirstThreeFields() {
        assertThat(NodeProbe.parseLoad("0.47 0.45 2.22 1/169 5476\n")).containsExactly(0.47, 0.45, 2.22);
        assertThat(NodeProbe.parseLoad("")).containsExactly(0, 0, 0);
    }

    @Test
    void cpuModelAndCountFromX86Cpuinfo() {
        String cpuinfo = """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD Ryzen 7   5800X 8-Core Processor
                processor\t: 1
                model name\t: AMD Ryzen 7   5800X 8-Core Processor
                """;
        assertThat(NodeProbe.parseCpuCount(cpuinfo)).isEqualTo(2);
        assertThat(NodeProbe.parseCpuModel(cpuinfo)).isEqualTo("AMD Ryzen 7 5800X 8-Core Processor");
    }

    @Test
    void cpuModelFromRaspberryPiCpuinfoFallsBackToModel() {
        String cpuinfo = """
                processor\t: 0
                BogoMIPS\t: 108.00
                processor\t: 1
                Hardware\t: BCM2835
                Model\t\t: Raspberry Pi 4 Model B Rev 1.4
                """;
        assertThat(NodeProbe.parseCpuCount(cpuinfo)).isEqualTo(2);
        assertThat(NodeProbe.parseCpuModel(cpuinfo)).isEqualTo("Raspberry Pi 4 Model B Rev 1.4");
    }

    @Test
    void memoryInMibUsesMemAvailable() {
        String meminfo = """
                MemTotal:       24684092 kB
                MemFree:        23652280 kB
                MemAvailable:   24124468 kB
                Cached:           512000 kB
                """;
        assertThat(NodeProbe.parseMemInfo(meminfo)).containsExactly(24105, 23559);
    }

    @Test
    void memoryOnOldKernelsIsFreePlusCached() {
        assertThat(NodeProbe.parseMemInfo("MemTotal: 2048 kB\nMemFree: 512 kB\nCached: 512 kB\n"))
                .containsExactly(2, 1);
    }

    @Test
    void mountsKeepBlockDevicesOnceAndDropPseudoFileSystems() {
        String mounts = """
                proc /proc proc rw,relatime 0 0
                sysfs /sys sysfs rw,relatime 0 0
                tmpfs /dev/shm tmpfs rw,relatime 0 0
                /dev/vda / ext4 rw,relatime 0 0
                /dev/vda /run/netns ext4 rw,relatime 0 0
                /dev/nvme0n1p1 /boot/efi vfat rw 0 0
                /dev/sdb1 /srv/my\\040data xfs rw 0 0
                /dev/loop3 /snap/core/1 squashfs ro 0 0
                tank/models /tank/models zfs rw 0 0
                overlay-lab3 /var/lib/drover-lab/hosts/lab3/root overlay rw 0 0
                """;
        assertThat(NodeProbe.parseMounts(mounts)).containsExactly(
                new NodeProbe.Mount("/dev/vda", "/", "ext4"),
                new NodeProbe.Mount("/dev/nvme0n1p1", "/boot/efi", "vfat"),
                new NodeProbe.Mount("/dev/sdb1", "/srv/my data", "xfs"),
                new NodeProbe.Mount("tank/models", "/tank/models", "zfs"));
    }

    @Test
    void gpusFromNvidiaSmiCsvIncludingUnsupportedValues() {
        String csv = """
                NVIDIA GeForce RTX 3090, 24576, 1024, 37
                Tesla P40, 24576, [N/A], [Not Supported]
                NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver
                """;
        assertThat(NodeProbe.parseGpus(csv)).containsExactly(
                new NodeSnapshot.Gpu("NVIDIA GeForce RTX 3090", 24576, 1024, 37),
                new NodeSnapshot.Gpu("Tesla P40", 24576, 0, 0));
    }

    @Test
    void cpuUsageIsBusyShareOfTheJiffiesBetweenTwoSamples() {
        NodeProbe.CpuTimes before = NodeProbe.CpuTimes.parse("cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 1 1 1\n");
        NodeProbe.CpuTimes after = NodeProbe.CpuTimes.parse("cpu  250 0 150 900 100 0 0 0 0 0\n");
        assertThat(after.busyPercentSince(before)).isEqualTo(50.0);
        assertThat(after.busyPercentSince(after)).isZero();
    }

    @Test
    void ipv6AddressesAreWrittenCompactLikeIpAddr() {
        assertThat(NodeProbe.compactAddress("fd00:0:0:0:0:0:0:2")).isEqualTo("fd00::2");
        assertThat(NodeProbe.compactAddress("fe80:0:0:0:e857:fdff:feaf:f422%dlab1")).isEqualTo("fe80::e857:fdff:feaf:f422");
        assertThat(NodeProbe.compactAddress("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(NodeProbe.compactAddress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(NodeProbe.compactAddress("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(NodeProbe.compactAddress("10.77.0.1")).isEqualTo("10.77.0.1");
    }

    @Test
    void usedPercentIsUsedOverUsedPlusAvailableLikeDf() {
        // df -Pk /: 25887788 used, 80503124 available (of 264212084, the rest reserved for root): 25%
        assertThat(NodeProbe.usedPercent(25281, 78616)).isEqualTo(24.3);
        assertThat(NodeProbe.usedPercent(2000, 1000)).isEqualTo(66.7);
        assertThat(NodeProbe.usedPercent(0, 0)).isZero();
    }

    @Test
    void probeOfThisMachineFillsWhatLinuxHas() {
        NodeSnapshot node = new NodeProbe().read();
        assertThat(node.hostname()).isNotBlank();
        assertThat(node.cpuCount()).isPositive();
        assertThat(node.memoryTotalMb()).isPositive();
        assertThat(node.memoryAvailableMb()).isBetween(0L, node.memoryTotalMb());
        assertThat(node.uptimeSeconds()).isPositive();
        assertThat(node.cpuUsagePercent()).isBetween(0.0, 100.0);
        assertThat(node.disks()).anySatisfy(d -> assertThat(d.mount()).isEqualTo("/"));
        assertThat(node.load()).hasSize(3);
    }

    @Test
    void probeOfAnEmptyProcGivesAnEmptySnapshotInsteadOfFailing(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("loadavg"), "garbage");
        NodeSnapshot node = new NodeProbe(proc).read();
        assertThat(node.uptimeSeconds()).isZero();
        assertThat(node.memoryTotalMb()).isZero();
        assertThat(node.disks()).isEmpty();
        assertThat(node.load()).containsExactly(0, 0, 0);
        assertThat(node.cpuCount()).isPositive(); // the JVM's count stands in
        assertThat(node.hostname()).isNotBlank();
    }
}
