package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** find, replace, slurp, tempfile and unarchive against real paths on this machine (the host is localhost). */
class MoreFileModulesTest {

    @TempDir
    Path dir;
    LocalHost host;

    @BeforeEach
    void setUp() {
        host = new LocalHost(dir);
    }

    @Test
    @SuppressWarnings("unchecked")
    void findListsMatchesInWalkOrderAndChangesNothing() throws Exception {
        Files.createDirectories(dir.resolve("top/sub"));
        Files.writeString(dir.resolve("top/a.txt"), "needle\n");
        Files.writeString(dir.resolve("top/b.log"), "hay\n");
        Files.writeString(dir.resolve("top/sub/c.txt"), "more hay\n");
        ModuleResult result = host.run(new Find(), Map.of("paths", dir.resolve("top").toString(), "patterns", "*.txt",
                "recurse", true, "get_checksum", true));
        assertThat(result.isChanged()).isFalse();
        List<Map<String, Object>> files = (List<Map<String, Object>>) result.get("files");
        assertThat(files).extracting(f -> f.get("path"))
                .containsExactly(dir.resolve("top/a.txt").toString(), dir.resolve("top/sub/c.txt").toString());
        assertThat(files.get(0)).containsEntry("checksum", ContentCopy.sha1("needle\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(result.get("examined")).isEqualTo(4);
        ModuleResult contains = host.run(new Find(), Map.of("paths", dir.resolve("top").toString(), "recurse", true,
                "contains", "need"));
        assertThat(contains.get("matched")).isEqualTo(1);
    }

    @Test
    void replaceWritesOnceThenReportsNothingToDo() throws Exception {
        Path file = Files.writeString(dir.resolve("app.conf"), "port = 1\nport = 2\n");
        Map<String, Object> args = Map.of("path", file.toString(), "regexp", "^port = (\\d)$", "replace", "port = 1\\1");
        ModuleResult first = host.run(new Replace(), args);
        assertThat(first.isChanged()).isTrue();
        assertThat(first.msg()).isEqualTo("2 replacements made");
        assertThat(Files.readString(file)).isEqualTo("port = 11\nport = 12\n");
        ModuleResult again = host.run(new Replace(), Map.of("path", file.toString(), "regexp", "^port = 1(\\d)$",
                "replace", "port = 1\\1"));
        assertThat(again.isChanged()).isFalse();
        ModuleResult checked = host.check(new Replace(), Map.of("path", file.toString(), "regexp", "port", "replace", "p"));
        assertThat(checked.isChanged()).isTrue();
        assertThat(Files.readString(file)).isEqualTo("port = 11\nport = 12\n");
    }

    @Test
    void slurpGivesBase64AndAnsiblesErrors() throws Exception {
        Path file = Files.write(dir.resolve("bin"), new byte[] {0, 1, (byte) 0xff, '\n'});
        ModuleResult result = host.run(new Slurp(), Map.of("src", file.toString()));
        assertThat(Base64.getDecoder().decode(String.valueOf(result.get("content")))).containsExactly(0, 1, 0xff, '\n');
        assertThat(result.get("encoding")).isEqualTo("base64");
        assertThat(host.run(new Slurp(), Map.of("src", dir.resolve("nope").toString())).msg())
                .isEqualTo("file not found: " + dir.resolve("nope"));
        assertThat(host.run(new Slurp(), Map.of("src", dir.toString())).msg())
                .isEqualTo("source is a directory and must be a file: " + dir);
    }

    @Test
    void tempfileMakesPrivateFilesWithPythonsNames() throws Exception {
        ModuleResult file = host.run(new Tempfile(), Map.of("path", dir.toString(), "suffix", ".conf"));
        String path = String.valueOf(file.get("path"));
        assertThat(path).matches(java.util.regex.Pattern.quote(dir.toString()) + "/ansible\\.[a-z0-9_]{8}\\.conf");
        assertThat(file.get("mode")).isEqualTo("0600");
        assertThat(Files.isRegularFile(Path.of(path))).isTrue();
        ModuleResult directory = host.run(new Tempfile(), Map.of("path", dir.toString(), "state", "directory",
                "prefix", "x-"));
        assertThat(directory.get("mode")).isEqualTo("0700");
        assertThat(directory.get("state")).isEqualTo("directory");
        assertThat(host.check(new Tempfile(), Map.of()).isSkipped()).isTrue();
    }

    @Test
    void unarchiveATarOnceThenReportsItUnpacked() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/app"));
        Files.writeString(src.resolve("file.txt"), "content\n");
        Path archive = dir.resolve("app.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", dir.resolve("src").toString(), "app")
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        Path dest = Files.createDirectories(dir.resolve("dest"));
        Map<String, Object> args = Map.of("src", archive.toString(), "dest", dest.toString(), "remote_src", true,
                "list_files", true);
        ModuleResult first = host.run(new Unarchive(), args);
        assertThat(first.isChanged()).isTrue();
        assertThat(first.get("handler")).isEqualTo("TgzArchive");
        assertThat(first.get("files")).isEqualTo(List.of("app/", "app/file.txt"));
        assertThat(Files.readString(dest.resolve("app/file.txt"))).isEqualTo("content\n");
        assertThat(host.run(new Unarchive(), args).isChanged()).isFalse();
    }
}
