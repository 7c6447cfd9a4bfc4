package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blockinfile against real files on this machine. */
class BlockinfileTest {

    @TempDir
    Path dir;
    LocalHost host;
    final Blockinfile module = new Blockinfile();

    @BeforeEach
    void setUp() {
        host = new LocalHost(dir);
    }

    @Test
    void insertsReplacesAndRemovesTheBlock() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, "127.0.0.1 localhost\n");
        Map<String, Object> args = Map.of("path", file.toString(), "block", "10.0.0.1 a\n10.0.0.2 b");

        ModuleResult first = host.run(module, args);
        assertThat(first.isChanged()).isTrue();
        assertThat(first.msg()).isEqualTo("Block inserted");
        assertThat(Files.readString(file)).isEqualTo("127.0.0.1 localhost\n# BEGIN ANSIBLE MANAGED BLOCK\n"
                + "10.0.0.1 a\n10.0.0.2 b\n# END ANSIBLE MANAGED BLOCK\n");

        int before = host.commands.get();
        ModuleResult second = host.run(module, args);
        assertThat(second.isChanged()).isFalse();
        assertThat(host.commands.get() - before).isEqualTo(1);

        ModuleResult removed = host.run(module, Map.of("path", file.toString(), "state", "absent"));
        assertThat(removed.msg()).isEqualTo("Block removed");
        assertThat(Files.readString(file)).isEqualTo("127.0.0.1 localhost\n");
    }

    @Test
    void checkModeAndDiff() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "a\n");
        String snapshot = LocalHost.snapshot(dir);
        ModuleResult result = host.check(module, Map.of("path", file.toString(), "block", "x",
                "marker", "<!-- {mark} -->", "insertbefore", "BOF"));
        assertThat(result.isChanged()).isTrue();
        assertThat(LocalHost.snapshot(dir)).isEqualTo(snapshot);
        assertThat(result.diffs().get(0)).containsEntry("before", "a\n")
                .containsEntry("after", "<!-- BEGIN -->\nx\n<!-- END -->\na\n")
                .containsEntry("before_header", file + " (content)");
        assertThat(result.diffs().get(1)).containsEntry("before_header", file + " (file attributes)");
    }

    @Test
    void missingFileAndCreate() throws Exception {
        Path file = dir.resolve("new/conf");
        ModuleResult missing = host.run(module, Map.of("path", file.toString(), "block", "x"));
        assertThat(missing.msg()).isEqualTo("Path " + file + " does not exist !");
        assertThat(missing.get("rc")).isEqualTo(257);

        ModuleResult created = host.run(module, Map.of("path", file.toString(), "block", "x", "create", true,
                "backup", true));
        assertThat(created.msg()).isEqualTo("File created");
        assertThat(created.get("backup_file")).isNull();
        assertThat(Files.readString(file)).isEqualTo("# BEGIN ANSIBLE MANAGED BLOCK\nx\n# END ANSIBLE MANAGED BLOCK\n");

        ModuleResult backedUp = host.run(module, Map.of("path", file.toString(), "block", "y", "backup", true));
        assertThat(Path.of((String) backedUp.get("backup_file"))).exists();
    }
}
