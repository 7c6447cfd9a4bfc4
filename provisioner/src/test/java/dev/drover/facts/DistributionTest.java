package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionTest {

    private static final String DEBIAN = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            """;

    private static Map<String, Object> describe(RawFacts raw) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Distribution.describe(raw, facts);
        return facts;
    }

    @Test
    void debianTakesItsMinorVersionFromDebianVersion() {
        Map<String, Object> facts = describe(new Sections().file("/etc/os-release", DEBIAN).file("/etc/debian_version", "12.15\n").raw());

        assertThat(facts).containsEntry("distribution", "Debian").containsEntry("distribution_version", "12")
                .containsEntry("distribution_major_version", "12").containsEntry("distribution_minor_version", "15")
                .containsEntry("distribution_release", "bookworm").containsEntry("os_family", "Debian")
                .containsEntry("distribution_file_path", "/etc/os-release").containsEntry("distribution_file_variety", "Debian")
                .containsEntry("distribution_file_parsed", true);
    }

    @Test
    void ubuntu() {
        String os = """
                PRETTY_NAME="Ubuntu 22.04.4 LTS"
                NAME="Ubuntu"
                VERSION_ID="22.04"
                VERSION="22.04.4 LTS (Jammy Jellyfish)"
                VERSION_CODENAME=jammy
                ID=ubuntu
                ID_LIKE=debian
                UBUNTU_CODENAME=jammy
                """;
        Map<String, Object> facts = describe(new Sections().file("/etc/os-release", os).file("/etc/debian_version", "bookworm/sid\n").raw());

        assertThat(facts).containsEntry("distribution", "Ubuntu").containsEntry("distribution_version", "22.04")
                .containsEntry("distribution_major_version", "22").containsEntry("distribution_release", "jammy")
                .containsEntry("os_family", "Debian").doesNotContainKey("distribution_minor_version");
    }

    @Test
    void rockyIsNamedByItsRedHatReleaseFile() {
        String os = """
                NAME="Rocky Linux"
                VERSION="9.3 (Blue Onyx)"
                ID="rocky"
                ID_LIKE="rhel centos fedora"
                VERSION_ID="9.3"
                PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
                """;
        Map<String, Object> facts = describe(new Sections().file("/etc/os-release", os)
                .file("/etc/redhat-release", "Rocky Linux release 9.3 (Blue Onyx)\n").raw());

        assertThat(facts).containsEntry("distribution", "Rocky").containsEntry("distribution_version", "9.3")
                .containsEntry("distribution_major_version", "9").containsEntry("distribution_release", "Blue Onyx")
                .containsEntry("os_family", "RedHat").containsEntry("distribution_file_path", "/etc/redhat-release");
    }

    @Test
    void redHatEnterpriseIsFoundBySearchString() {
        Map<String, Object> facts = describe(new Sections().file("/etc/os-release", "ID=\"rhel\"\nVERSION_ID=\"8.9\"\n")
                .file("/etc/redhat-release", "Red Hat Enterprise Linux release 8.9 (Ootpa)\n").raw());

        assertThat(facts).containsEntry("distribution", "RedHat").containsEntry("os_family", "RedHat")
                .containsEntry("distribution_version", "8.9");
    }

    @Test
    void alpineTakesItsVersionFromItsFile() {
        Map<String, Object> facts = describe(new Sections().file("/etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n")
                .file("/etc/alpine-release", "3.19.1\n").raw());

        assertThat(facts).containsEntry("distribution", "Alpine").containsEntry("distribution_version", "3.19.1")
                .containsEntry("os_family", "Alpine");
    }

    @Test
    void nothingKnownIsOtherLinux() {
        Map<String, Object> facts = describe(new Sections().raw());

        assertThat(facts).containsEntry("distribution", "OtherLinux").containsEntry("distribution_version", "NA")
                .containsEntry("distribution_release", "NA").containsEntry("distribution_major_version", "NA");
    }

    @Test
    void versionsInReleaseLinesAreReadBackwards() {
        assertThat(Distribution.releaseVersion("Debian GNU/Linux 12 (bookworm)")).isEqualTo("12");
        assertThat(Distribution.releaseVersion("CentOS Linux release 7.9.2009 (Core)")).isEqualTo("7.9.2009");
        assertThat(Distribution.releaseVersion("")).isEmpty();
    }
}
