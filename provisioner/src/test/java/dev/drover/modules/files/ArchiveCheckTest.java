package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading tar's --diff and --list and zipinfo's listing the way unarchive decides with them. */
class ArchiveCheckTest {

    private static final List<String> DIFF = List.of(
            "app/conf/app.conf: Mod time differs",
            "app/bin/run: Mode differs",
            "app/README: Uid differs",
            "app/README: Gid differs");

    @Test
    void ownerAndModeDifferencesCountOnlyWhenTheTaskDoesNotSetThem() {
        assertThat(ArchiveCheck.tarDifferences(DIFF, true, false, false, false)).hasSize(4);
        assertThat(ArchiveCheck.tarDifferences(DIFF.subList(1, 4), true, true, true, true)).isEmpty();
        assertThat(ArchiveCheck.tarDifferences(DIFF.subList(2, 4), false, false, false, false)).isEmpty();
        assertThat(ArchiveCheck.tarDifferences(DIFF.subList(0, 1), true, true, true, true)).hasSize(1);
    }

    @Test
    void missingFilesCountButEmptyNamesDoNot() {
        assertThat(ArchiveCheck.tarDifferences(List.of("tar: app/x: Warning: Cannot stat: No such file or directory"),
                true, false, false, false)).hasSize(1);
        assertThat(ArchiveCheck.tarDifferences(List.of("tar: : Warning: Cannot stat: No such file or directory"),
                true, false, false, false)).isEmpty();
    }

    @Test
    void tarListingKeepsEmptyNamesDropsLeadingSlashAndExcludes() {
        assertThat(ArchiveCheck.tarFiles(List.of("", "bin/", "/etc/x", "README"), List.of("READ*")))
                .containsExactly("", "bin/", "etc/x");
    }

    @Test
    void zipinfoLinesAndWhetherAMemberIsUnpacked() {
        List<ArchiveCheck.ZipEntry> entries = ArchiveCheck.zipEntries(List.of(
                "Archive:  app.zip",
                "Zip file size: 646 bytes, number of entries: 2",
                "drwxr-xr-x  3.0 unx        0 bx stor 20240102.030405 app/",
                "-rw-r--r--  3.0 unx       23 tx defN 20240102.030405 app/conf/app conf",
                "2 files, 23 bytes uncompressed, 21 bytes compressed:  8.7%"));
        assertThat(entries).containsExactly(
                new ArchiveCheck.ZipEntry("app/", 'd', "rwxr-xr-x", 0, "20240102.030405"),
                new ArchiveCheck.ZipEntry("app/conf/app conf", '-', "rw-r--r--", 23, "20240102.030405"));
        ArchiveCheck.ZipEntry file = entries.get(1);
        assertThat(ArchiveCheck.zipMemberUnpacked(file, new ArchiveCheck.OnDisk('f', 23, "20240102.030405"))).isTrue();
        assertThat(ArchiveCheck.zipMemberUnpacked(file, new ArchiveCheck.OnDisk('f', 24, "20240102.030405"))).isFalse();
        assertThat(ArchiveCheck.zipMemberUnpacked(file, new ArchiveCheck.OnDisk('f', 23, "20240102.030406"))).isFalse();
        assertThat(ArchiveCheck.zipMemberUnpacked(file, null)).isFalse();
        assertThat(ArchiveCheck.zipMemberUnpacked(entries.get(0), new ArchiveCheck.OnDisk('d', 4096, "20991231.000000")))
                .isTrue();
    }
}
