package dev.drover.modules.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fstab, sysctl.conf and APT sources files rewritten as Ansible rewrites them. */
class FileEditsTest {

    private static final String FSTAB = "# UNCONFIGURED FSTAB\n/dev/sda1 / ext4 defaults 0 1\n";

    @Test
    void fstabEntriesAreAppendedWithEscapes() {
        Fstab.Edit edit = Fstab.set(FSTAB, new Fstab.Entry("/dev/sdz1", "/srv/my data", "xfs", "defaults", "0", "0"), true);
        assertThat(edit.changed()).isTrue();
        assertThat(edit.text()).isEqualTo(FSTAB + "/dev/sdz1 /srv/my\\040data xfs defaults 0 0\n");
        assertThat(Fstab.set(edit.text(), new Fstab.Entry("/dev/sdz1", "/srv/my data", "xfs", "defaults", "0", "0"), true)
                .changed()).isFalse();
    }

    @Test
    void aChangedFieldRewritesTheLineAndOthersStay() {
        String text = FSTAB + "/dev/sdb1   /srv/data  ext4  noatime  0  0\n";
        Fstab.Edit edit = Fstab.set(text, new Fstab.Entry("/dev/sdb1", "/srv/data", "ext4", "noatime,nodev", "1", "2"), true);
        assertThat(edit.text()).isEqualTo(FSTAB + "/dev/sdb1 /srv/data ext4 noatime,nodev 1 2\n");
        Fstab.Edit same = Fstab.set(text, new Fstab.Entry("/dev/sdb1", "/srv/data", "ext4", "noatime", "0", "0"), true);
        assertThat(same.changed()).isFalse();
        assertThat(same.text()).isEqualTo(text);
    }

    @Test
    void aFourFieldLineIsAlwaysRewrittenLikeAnsibleDoes() {
        Fstab.Edit edit = Fstab.set("/dev/sdb1 /srv/data ext4 defaults\n",
                new Fstab.Entry("/dev/sdb1", "/srv/data", "ext4", "defaults", "0", "0"), true);
        assertThat(edit.changed()).isTrue();
        assertThat(edit.text()).isEqualTo("/dev/sdb1 /srv/data ext4 defaults 0 0\n");
    }

    @Test
    void fstabEntriesAreRemoved() {
        String text = FSTAB + "tmpfs /srv/t tmpfs size=1m 0 0\n";
        assertThat(Fstab.unset(text, "/srv/t", null)).isEqualTo(new Fstab.Edit(FSTAB, true));
        assertThat(Fstab.unset(FSTAB, "/srv/t", null)).isEqualTo(new Fstab.Edit(FSTAB, false));
    }

    @Test
    void sysctlFilesAreNormalisedAndDuplicatesDropped() {
        SysctlFile file = SysctlFile.parse("# c\n  a.b = 1\nx=0\n; old\nx = 2\n");
        assertThat(file.value("x")).isEqualTo("2");
        assertThat(file.value("a.b")).isEqualTo("1");
        assertThat(file.with("x", "1")).isEqualTo("# c\na.b=1\nx=1\n; old\n");
        assertThat(file.with("new.key", "5")).isEqualTo("# c\na.b=1\nx=0\n; old\nnew.key=5\n");
        assertThat(file.with("a.b", null)).isEqualTo("# c\nx=0\n; old\n");
    }

    @Test
    void sysctlValuesAreComparedAsAnsibleDoes() {
        assertThat(SysctlFile.normalizeValue("True")).isEqualTo("1");
        assertThat(SysctlFile.normalizeValue("off")).isEqualTo("0");
        assertThat(SysctlFile.normalizeValue(" 4096  87380 ")).isEqualTo("4096  87380");
        assertThat(SysctlFile.sameWords("4096\t87380\n", "4096 87380")).isTrue();
        assertThat(SysctlFile.sameWords(null, "1")).isFalse();
    }

    @Test
    void aptSourcesAreAddedToAFileNamedAfterTheRepository() throws Exception {
        assertThat(AptSources.suggestFilename("deb http://deb.debian.org/debian bookworm contrib", null))
                .isEqualTo("deb_debian_org_debian.list");
        assertThat(AptSources.suggestFilename("deb [arch=amd64] https://user:pw@apt.example.com/x y main", null))
                .isEqualTo("apt_example_com_x.list");
        assertThat(AptSources.suggestFilename("deb http://x/ y", "mine")).isEqualTo("mine.list");

        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("/etc/apt/sources.list", "deb http://deb.debian.org/debian bookworm main\n");
        texts.put("/etc/apt/sources.list.d/d.list", "#deb   http://x/ y non-free  # later\n");
        AptSources sources = AptSources.of(texts);
        Map<String, String> before = sources.dump();
        assertThat(before.get("/etc/apt/sources.list.d/d.list")).isEqualTo("# deb http://x/ y non-free # later\n");
        sources.add(AptSources.validSource("deb http://x/ y non-free"), "x_y.list");
        assertThat(sources.dump().get("/etc/apt/sources.list.d/d.list")).isEqualTo("deb http://x/ y non-free # later\n");
        sources.add(AptSources.validSource("deb http://deb.debian.org/debian bookworm contrib"), "deb_debian_org_debian.list");
        assertThat(sources.dump()).containsEntry("/etc/apt/sources.list.d/deb_debian_org_debian.list",
                "deb http://deb.debian.org/debian bookworm contrib\n");
        sources.remove("deb http://x/ y non-free");
        assertThat(sources.dump()).doesNotContainKey("/etc/apt/sources.list.d/d.list");
    }

    @Test
    void invalidSourcesAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AptSources.validSource("# deb http://x/ y main"))
                .isInstanceOf(AptSources.InvalidSource.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AptSources.validSource("rpm http://x/ y"))
                .isInstanceOf(AptSources.InvalidSource.class);
    }
}
