package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lineinfile against real files on this machine; expectations follow ansible-core 2.14's results. */
class LineinfileTest {

    @TempDir
    Path dir;
    LocalHost host;
    final Lineinfile module = new Lineinfile();

    @BeforeEach
    void setUp() {
        host = new LocalHost(dir);
    }

    @Test
    void addsTheLineOnceAndTheSecondRunOnlyLooks() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "a\nb\n");

        ModuleResult first = host.run(module, Map.of("path", file.toString(), "line", "c"));
        assertThat(first.isChanged()).isTrue();
        assertThat(first.msg()).isEqualTo("line added");
        assertThat(first.get("backup")).isEqualTo("");
        assertThat(Files.readString(file)).isEqualTo("a\nb\nc\n");

        int before = host.commands.get();
        ModuleResult second = host.run(module, Map.of("path", file.toString(), "line", "c"));
        assertThat(second.isChanged()).isFalse();
        assertThat(second.msg()).isEqualTo("");
        assertThat(host.commands.get() - before).as("one fact command, no write").isEqualTo(1);
    }

    @Test
    void checkModeReportsTheChangeAndLeavesTheFileAlone() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "port=80\n");
        String snapshot = LocalHost.snapshot(dir);

        ModuleResult result = host.check(module, Map.of("path", file.toString(), "regexp", "^port=",
                "line", "port=8080", "mode", "0600"));

        assertThat(result.isChanged()).isTrue();
        assertThat(result.msg()).isEqualTo("line replaced and ownership, perms or SE linux context changed");
        assertThat(LocalHost.snapshot(dir)).isEqualTo(snapshot);
        List<Map<String, Object>> diffs = result.diffs();
        assertThat(diffs).hasSize(2);
        assertThat(diffs.get(0)).containsEntry("before", "port=80\n").containsEntry("after", "port=8080\n")
                .containsEntry("before_header", file + " (content)");
        assertThat(diffs.get(1)).containsEntry("before", Map.of("mode", "0644"))
                .containsEntry("after", Map.of("mode", "0600"))
                .containsEntry("after_header", file + " (file attributes)");
    }

    @Test
    void aMissingFileFailsLikeAnsibleUnlessCreateIsSet() throws Exception {
        Path file = dir.resolve("sub/new.conf");
        ModuleResult missing = host.run(module, Map.of("path", file.toString(), "line", "x"));
        assertThat(missing.isFailed()).isTrue();
        assertThat(missing.msg()).isEqualTo("Destination " + file + " does not exist !");
        assertThat(missing.get("rc")).isEqualTo(257);

        ModuleResult checked = host.check(module, Map.of("path", file.toString(), "line", "x", "create", true));
        assertThat(checked.isChanged()).isTrue();
        assertThat(Files.exists(file.getParent())).isFalse();

        ModuleResult created = host.run(module, Map.of("path", file.toString(), "line", "x", "create", true,
                "mode", "0640"));
        assertThat(created.msg()).isEqualTo("line added and ownership, perms or SE linux context changed");
        assertThat(Files.readString(file)).isEqualTo("x\n");
        assertThat(LocalHost.mode(file)).isEqualTo(0640);
        assertThat(host.run(module, Map.of("path", file.toString(), "line", "x", "create", true, "mode", "0640"))
                .isChanged()).isFalse();
    }

    @Test
    void removesMatchingLinesAndCountsThem() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "keep\n#a\n#b\n");
        ModuleResult result = host.diff(module, Map.of("path", file.toString(), "regexp", "^#", "state", "absent"));
        assertThat(result.msg()).isEqualTo("2 line(s) removed");
        assertThat(result.get("found")).isEqualTo(2);
        assertThat(Files.readString(file)).isEqualTo("keep\n");
        assertThat(host.run(module, Map.of("path", file.toString(), "regexp", "^#", "state", "absent")).get("found"))
                .isEqualTo(0);
        assertThat(host.run(module, Map.of("path", dir.resolve("nope").toString(), "line", "x", "state", "absent"))
                .msg()).isEqualTo("file not present");
    }

    @Test
    void backupKeepsTheOldFileUnderAnsiblesName() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "old\n");
        ModuleResult result = host.run(module, Map.of("path", file.toString(), "regexp", "^old", "line", "new",
                "backup", true));
        String backup = (String) result.get("backup");
        assertThat(backup).matches(java.util.regex.Pattern.quote(file.toString())
                + "\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~");
        assertThat(Files.readString(Path.of(backup))).isEqualTo("old\n");
        assertThat(Files.readString(file)).isEqualTo("new\n");
    }

    @Test
    void aFailedValidationLeavesTheFileUntouched() throws Exception {
        Path file = dir.resolve("conf");
        Files.writeString(file, "good\n");
        ModuleResult result = host.run(module, Map.of("path", file.toString(), "line", "bad",
                "validate", "sh -c 'grep -q bad %s && echo no bad lines >&2 && exit 3; exit 0'"));
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).isEqualTo("failed to validate: rc:3 error:no bad lines\n");
        assertThat(Files.readString(file)).isEqualTo("good\n");
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).containsExactly(file);
        }
    }

    @Test
    void aSymlinkIsFollowedAndKept() throws Exception {
        Path real = dir.resolve("real");
        Files.writeString(real, "a\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThat(host.run(module, Map.of("path", link.toString(), "line", "b")).isChanged()).isTrue();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("a\nb\n");
    }

    @Test
    void hostErrorsBecomeFailedResults() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "");
        ModuleResult result = host.run(module, Map.of("path", notADir + "/sub/conf", "line", "x", "create", true));
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).startsWith("Error creating " + notADir + "/sub");

        ModuleResult onDir = host.run(module, Map.of("path", dir.toString(), "line", "x"));
        assertThat(onDir.msg()).isEqualTo("Path " + dir + " is a directory !");
        assertThat(onDir.get("rc")).isEqualTo(256);
    }

    @Test
    void argumentRulesUseAnsiblesWords() {
        assertThat(host.run(module, Map.of("path", dir.resolve("x").toString())).msg())
                .isEqualTo("line is required with state=present");
        assertThat(host.run(module, Map.of("path", dir.resolve("x").toString(), "line", "a", "backrefs", true)).msg())
                .isEqualTo("regexp is required with backrefs=true");
        assertThat(host.run(module, Map.of("path", dir.resolve("x").toString(), "state", "absent")).msg())
                .isEqualTo("one of line, search_string, or regexp is required with state=absent");
    }
}
