package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stat against real paths on this machine. */
class StatTest {

    @TempDir
    Path dir;
    LocalHost host;
    final Stat module = new Stat();

    @BeforeEach
    void setUp() {
        host = new LocalHost(dir);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stat(Map<String, Object> args) {
        ModuleResult result = host.run(module, args);
        assertThat(result.isChanged()).isFalse();
        return (Map<String, Object>) result.get("stat");
    }

    @Test
    void aRegularFileWithAnsiblesKeys() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "hello\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, Object> stat = stat(Map.of("path", f.toString()));
        assertThat(stat).containsEntry("exists", true).containsEntry("path", f.toString()).containsEntry("mode", "0640")
                .containsEntry("isreg", true).containsEntry("isdir", false).containsEntry("islnk", false)
                .containsEntry("size", 6L).containsEntry("uid", 0L).containsEntry("pw_name", "root")
                .containsEntry("gr_name", "root").containsEntry("rusr", true).containsEntry("roth", false)
                .containsEntry("readable", true).containsEntry("writeable", true).containsEntry("executable", false)
                .containsEntry("checksum", "f572d396fae9206628714fb2ce00f72e94f2258f")
                .containsEntry("mimetype", "text/plain").containsEntry("charset", "us-ascii")
                .containsKeys("mtime", "atime", "ctime", "inode", "dev", "nlink", "blocks", "block_size",
                        "device_type", "attributes", "attr_flags", "version", "isuid", "isgid");
        assertThat(stat.get("mtime")).isInstanceOf(Double.class);
    }

    @Test
    void symlinksAreDescribedOrFollowed() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("f"));
        assertThat(stat(Map.of("path", link.toString()))).containsEntry("islnk", true)
                .containsEntry("lnk_target", "f").containsEntry("lnk_source", f.toString()).doesNotContainKey("checksum");
        assertThat(stat(Map.of("path", link.toString(), "follow", true, "checksum_algorithm", "sha256")))
                .containsEntry("islnk", false).containsEntry("isreg", true).doesNotContainKey("lnk_source")
                .containsEntry("checksum", "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
        Path dangling = Files.createSymbolicLink(dir.resolve("d"), Path.of("nope"));
        assertThat(stat(Map.of("path", dangling.toString(), "follow", true))).isEqualTo(Map.of("exists", false));
    }

    @Test
    void aMissingPathIsNotAnError() {
        assertThat(stat(Map.of("path", dir.resolve("nope").toString()))).isEqualTo(Map.of("exists", false));
    }

    @Test
    void aDirectoryWithoutMimeOrAttributes() throws Exception {
        Map<String, Object> stat = stat(Map.of("path", dir.toString(), "get_mime", false, "attributes", false));
        assertThat(stat).containsEntry("isdir", true).doesNotContainKeys("mimetype", "attributes", "checksum");
    }
}
