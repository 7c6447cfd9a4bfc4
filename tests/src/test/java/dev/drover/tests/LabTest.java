package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The lab itself: what every other lab test relies on. */
@LabHosts({"lab1", "lab2"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabTest {

    private Lab lab;

    @BeforeAll
    void lab() {
        lab = Lab.require();
    }

    @Test
    void inventoryDescribesHostsWithFixedAddressesAndMacs() {
        LabHost first = lab.host("lab1");

        assertThat(first.address()).isEqualTo("10.77.0.11");
        assertThat(first.macAddress()).isEqualTo("02:77:00:00:00:01");
        assertThat(first.user()).isEqualTo("root");
        assertThat(first.privateKey()).isAbsolute().exists();
        assertThat(first.knownHosts()).isAbsolute().exists();
        assertThat(lab.hosts()).extracting(LabHost::name).startsWith("lab1", "lab2");
    }

    @Test
    void hostsAreBootedDebianWithPythonForAnsible() {
        LocalCommand.Output output = lab.ssh("lab2",
                "hostname; . /etc/os-release; echo $VERSION_CODENAME; systemctl is-system-running; /usr/bin/python3 -c 'print(42)'");

        assertThat(output.exitCode()).as(output.describe()).isZero();
        assertThat(output.stdout().lines()).containsExactly("lab2", "bookworm", "running", "42");
    }

    @Test
    void resetDiscardsEveryChange() {
        lab.ssh("lab2", "echo scratch > /root/scratch && rm /etc/debian_version");

        lab.reset("lab2");

        LocalCommand.Output output = lab.ssh("lab2", "ls /root/scratch; cat /etc/debian_version");
        assertThat(output.stderr()).contains("No such file");
        assertThat(output.stdout()).matches("(?s)12\\..*");
    }

    @Test
    void ansibleReachesHostsWithHostKeysChecked() {
        // The inventory alone must be enough: the lab's known_hosts holds the real host keys.
        // Only this class's hosts: the others may be switched off by the power tests running beside it.
        LocalCommand.Output output = LocalCommand.of(List.of("ansible", "-i", lab.inventory().toString(), "lab1:lab2", "-m", "ping", "-o"))
                .environment(java.util.Map.of("ANSIBLE_HOST_KEY_CHECKING", "true"))
                .timeout(Duration.ofMinutes(2))
                .run();

        assertThat(output.exitCode()).as(output.describe()).isZero();
        assertThat(output.stdout()).contains("lab1 | SUCCESS", "lab2 | SUCCESS");
    }
}
