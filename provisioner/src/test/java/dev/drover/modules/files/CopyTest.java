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

/** copy against real paths on this machine; the controller side is a second temp directory. */
class CopyTest {

    @TempDir
    Path controller;
    @TempDir
    Path dir;
    LocalHost host;
    final Copy module = new Copy();

    @BeforeEach
    void setUp() throws Exception {
        host = new LocalHost(controller);
        Files.createDirectories(controller.resolve("files"));
    }

    @Test
    void contentIsWrittenOnceWithAnsiblesResultFields() throws Exception {
        Path dest = dir.resolve("motd");
        Map<String, Object> args = Map.of("content", "hello\n", "dest", dest.toString(), "mode", "0600");

        ModuleResult first = host.run(module, args);
        assertThat(first.fields()).containsEntry("changed", true).containsEntry("dest", dest.toString())
                .containsEntry("checksum", "f572d396fae9206628714fb2ce00f72e94f2258f")
                .containsEntry("md5sum", "b1946ac92492d2347c6235b4d2611184").containsEntry("mode", "0600")
                .containsEntry("size", 6L).containsEntry("state", "file").containsEntry("owner", "root");
        assertThat(Files.readString(dest)).isEqualTo("hello\n");
        assertThat(LocalHost.mode(dest)).isEqualTo(0600);

        int before = host.commands.get();
        ModuleResult second = host.diff(module, args);
        assertThat(second.fields()).containsEntry("changed", false).containsEntry("path", dest.toString())
                .containsEntry("dest", dest.toString()).containsEntry("checksum", "f572d396fae9206628714fb2ce00f72e94f2258f");
        assertThat(second.get("diff")).isEqualTo(Map.of("before", Map.of("path", dest.toString()),
                "after", Map.of("path", dest.toString())));
        assertThat(host.commands.get() - before).isEqualTo(1);
    }

    @Test
    void withoutDiffEveryPlainCaseIsOneCommandAndTheResultIsExact() throws Exception {
        Path dest = dir.resolve("app.conf");
        Map<String, Object> args = Map.of("content", "v=1\n", "dest", dest.toString(), "mode", "0640");
        int before = host.commands.get();
        ModuleResult created = host.run(module, args);
        ModuleResult same = host.run(module, args);
        ModuleResult changed = host.run(module, Map.of("content", "v=22\n", "dest", dest.toString(), "mode", "0640"));
        assertThat(host.commands.get() - before).as("one command per task").isEqualTo(3);
        assertThat(created.fields()).containsEntry("changed", true).containsEntry("mode", "0640")
                .containsEntry("size", 4L).containsEntry("owner", "root").containsEntry("state", "file");
        assertThat(same.fields()).containsEntry("changed", false).containsEntry("mode", "0640")
                .containsEntry("checksum", ContentCopy.sha1("v=1\n".getBytes()));
        assertThat(changed.fields()).containsEntry("changed", true).containsEntry("mode", "0640")
                .containsEntry("size", 5L).containsEntry("owner", "root").containsEntry("uid", 0L)
                .containsEntry("md5sum", ContentCopy.md5("v=22\n".getBytes()));
        assertThat(Files.readString(dest)).isEqualTo("v=22\n");
        assertThat(LocalHost.mode(dest)).isEqualTo(0640);
        assertThat(host.log.toString()).doesNotContain("base64").doesNotContain("cat >");

        // No mode: the old file's, execute bits and owner included; any bytes, NUL and non-UTF-8 too.
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        java.nio.file.attribute.UserPrincipal nobody = script.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody");
        Files.setOwner(script, nobody);
        Path bin = Files.write(controller.resolve("files/bin"), new byte[] {'-', 'n', 0, (byte) 0xe9, '%', '\\', '\'', '\n'});
        before = host.commands.get();
        ModuleResult replaced = host.run(module, Map.of("src", "bin", "dest", script.toString()));
        assertThat(host.commands.get() - before).isEqualTo(1);
        assertThat(Files.readAllBytes(script)).isEqualTo(Files.readAllBytes(bin));
        assertThat(LocalHost.mode(script)).isEqualTo(0750);
        assertThat(Files.getOwner(script)).isEqualTo(nobody);
        assertThat(replaced.fields()).containsEntry("mode", "0750").containsEntry("owner", "nobody")
                .containsEntry("size", 8L);

        // Large content goes over stdin; a new file without mode gets the umask's default.
        byte[] large = "x".repeat(100_000).getBytes();
        ModuleResult big = host.run(module, Map.of("content", new String(large), "dest", dir.resolve("big").toString()));
        assertThat(big.fields()).containsEntry("changed", true).containsEntry("size", 100_000L);
        assertThat(Files.readAllBytes(dir.resolve("big"))).isEqualTo(large);
        assertThat(host.run(module, Map.of("content", new String(large), "dest", dir.resolve("big").toString()))
                .isChanged()).isFalse();
        assertThat(dir.toFile().list()).noneMatch(name -> name.startsWith(".drover."));
    }

    @Test
    void aFailedRenameReportsTheDestinationAndLeavesNoTempFile() throws Exception {
        Path dest = Files.writeString(dir.resolve("locked"), "old\n");
        chattr("+i", dest);
        try {
            ModuleResult failed = host.run(module, Map.of("content", "new\n", "dest", dest.toString()));
            assertThat(failed.isFailed()).isTrue();
            assertThat(failed.msg()).startsWith("Could not replace " + dest + ": mv: ");
            assertThat(dir.toFile().list()).containsExactly("locked");
        } finally {
            chattr("-i", dest);
        }
        assertThat(Files.readString(dest)).isEqualTo("old\n");
    }

    private static void chattr(String flag, Path path) throws Exception {
        assertThat(new ProcessBuilder("chattr", flag, path.toString()).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void checkModeAndDiffShowTheChangeWithoutMakingIt() throws Exception {
        Path dest = Files.writeString(dir.resolve("conf"), "old\n");
        String snapshot = LocalHost.snapshot(dir);

        ModuleResult changed = host.check(module, Map.of("content", "new\n", "dest", dest.toString()));
        assertThat(changed.fields()).containsOnlyKeys("changed", "diff").containsEntry("changed", true);
        assertThat(changed.diffs().get(0)).containsEntry("before", "old\n").containsEntry("before_header", dest.toString())
                .containsEntry("after", "new\n").containsEntry("after_header", "dynamically generated");

        ModuleResult fresh = host.check(module, Map.of("content", "x", "dest", dir.resolve("nope/new").toString()));
        assertThat(fresh.isChanged()).isTrue();
        assertThat(fresh.diffs().get(0)).containsEntry("before", "");

        ModuleResult modeOnly = host.check(module, Map.of("content", "old\n", "dest", dest.toString(), "mode", "0600"));
        assertThat(modeOnly.isChanged()).isTrue();
        assertThat(modeOnly.get("diff")).isEqualTo(Map.of("before", Map.of("path", dest.toString(), "mode", "0644"),
                "after", Map.of("path", dest.toString(), "mode", "0600")));
        assertThat(LocalHost.snapshot(dir)).isEqualTo(snapshot);
    }

    @Test
    void srcIntoADirectoryOrATrailingSlashDest() throws Exception {
        Path src = Files.writeString(controller.resolve("files/app.conf"), "a=1\n");
        Path existing = Files.createDirectory(dir.resolve("etc"));

        ModuleResult intoDir = host.diff(module, Map.of("src", "app.conf", "dest", existing.toString()));
        assertThat(intoDir.fields()).containsEntry("dest", existing + "/app.conf").containsEntry("src", src.toString());
        assertThat(intoDir.diffs().get(0)).containsEntry("after_header", src.toString()).containsEntry("before", "");
        assertThat(Files.readString(existing.resolve("app.conf"))).isEqualTo("a=1\n");

        ModuleResult deep = host.run(module, Map.of("src", src.toString(), "dest", dir + "/new/deep/",
                "directory_mode", "0700"));
        assertThat(deep.get("dest")).isEqualTo(dir + "/new/deep/app.conf");
        assertThat(LocalHost.mode(dir.resolve("new"))).isEqualTo(0700);
        assertThat(LocalHost.mode(dir.resolve("new/deep/app.conf"))).isEqualTo(0644);

        ModuleResult noParent = host.run(module, Map.of("src", "app.conf", "dest", dir + "/missing/app.conf"));
        assertThat(noParent.isFailed()).isTrue();
        assertThat(noParent.msg()).isEqualTo("Destination directory " + dir + "/missing does not exist");

        ModuleResult missing = host.run(module, Map.of("src", "nope.conf", "dest", dir.toString()));
        assertThat(missing.msg()).startsWith("Could not find or access 'nope.conf'");
    }

    @Test
    void forceNoBackupAndValidate() throws Exception {
        Path dest = Files.writeString(dir.resolve("conf"), "mine\n");
        ModuleResult kept = host.run(module, Map.of("content", "theirs\n", "dest", dest.toString(), "force", false));
        assertThat(kept.isChanged()).isFalse();
        assertThat(Files.readString(dest)).isEqualTo("mine\n");

        ModuleResult rejected = host.run(module, Map.of("content", "bad\n", "dest", dest.toString(),
                "validate", "grep -q good %s"));
        assertThat(rejected.fields()).containsEntry("failed", true).containsEntry("msg", "failed to validate")
                .containsEntry("exit_status", 1);
        assertThat(Files.readString(dest)).isEqualTo("mine\n");

        ModuleResult backedUp = host.run(module, Map.of("content", "good\n", "dest", dest.toString(), "backup", true,
                "validate", "grep -q good %s"));
        assertThat(backedUp.isChanged()).isTrue();
        assertThat(Files.readString(Path.of((String) backedUp.get("backup_file")))).isEqualTo("mine\n");
        assertThat(Files.readString(dest)).isEqualTo("good\n");
    }

    @Test
    void symlinkDestIsReplacedUnlessFollowed() throws Exception {
        Path real = Files.writeString(dir.resolve("real"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertThat(host.run(module, Map.of("content", "new", "dest", link.toString(), "follow", true)).get("dest"))
                .isEqualTo(real.toString());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");

        assertThat(host.run(module, Map.of("content", "new", "dest", link.toString())).isChanged()).isTrue();
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).isEqualTo("new");
    }

    @Test
    void contentAsADictIsWrittenAsPythonJson() throws Exception {
        Path dest = dir.resolve("data.json");
        host.run(module, Map.of("content", Map.of("a", List.of(1, "é")), "dest", dest.toString()));
        assertThat(Files.readString(dest)).isEqualTo("{\"a\": [1, \"\\u00e9\"]}");
    }

    @Test
    void modePreserveTakesTheSourceMode() throws Exception {
        Path src = Files.writeString(controller.resolve("files/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(src, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        host.run(module, Map.of("src", "run.sh", "dest", dir.resolve("run.sh").toString(), "mode", "preserve"));
        assertThat(LocalHost.mode(dir.resolve("run.sh"))).isEqualTo(0750);
    }

    @Test
    void remoteSrcCopiesOnTheHost() throws Exception {
        Path src = Files.writeString(dir.resolve("orig"), "data\n");
        Path dest = dir.resolve("copy");
        ModuleResult first = host.run(module, Map.of("src", src.toString(), "dest", dest.toString(), "remote_src", true));
        assertThat(first.fields()).containsEntry("changed", true).containsEntry("src", src.toString())
                .containsEntry("md5sum", "6137cde4893c59f76f005a8123d8e8e6");
        assertThat(Files.readString(dest)).isEqualTo("data\n");
        assertThat(host.run(module, Map.of("src", src.toString(), "dest", dest.toString(), "remote_src", true))
                .isChanged()).isFalse();
        assertThat(host.run(module, Map.of("src", dir.resolve("nope").toString(), "dest", dest.toString(),
                "remote_src", true)).msg()).isEqualTo("Source " + dir.resolve("nope") + " not found");
    }

    @Test
    void aDirectoryIsCopiedRecursivelyInOneScript() throws Exception {
        Path tree = Files.createDirectories(controller.resolve("files/site/sub")).getParent();
        Files.writeString(tree.resolve("index.html"), "<h1>hi</h1>\n");
        Files.writeString(tree.resolve("sub/a.txt"), "a\n");
        Files.createDirectories(tree.resolve("empty"));
        Files.createSymbolicLink(tree.resolve("latest"), Path.of("index.html"));
        Path dest = dir.resolve("www");

        ModuleResult checked = host.check(module, Map.of("src", "site", "dest", dest.toString()));
        assertThat(checked.isChanged()).isTrue();
        assertThat(dest).doesNotExist();

        int before = host.commands.get();
        ModuleResult first = host.run(module, Map.of("src", "site", "dest", dest.toString(), "directory_mode", "0750"));
        assertThat(first.fields()).containsEntry("changed", true).containsEntry("dest", dest + "/");
        assertThat(host.commands.get() - before).as("one fact command and one script").isEqualTo(2);
        assertThat(Files.readString(dest.resolve("site/index.html"))).isEqualTo("<h1>hi</h1>\n");
        assertThat(Files.readString(dest.resolve("site/sub/a.txt"))).isEqualTo("a\n");
        assertThat(Files.readString(dest.resolve("site/latest"))).isEqualTo("<h1>hi</h1>\n");
        assertThat(dest.resolve("site/empty")).isDirectory();
        assertThat(LocalHost.mode(dest.resolve("site/sub"))).isEqualTo(0750);

        before = host.commands.get();
        assertThat(host.run(module, Map.of("src", "site", "dest", dest.toString(), "directory_mode", "0750"))
                .isChanged()).isFalse();
        assertThat(host.commands.get() - before).isEqualTo(1);

        ModuleResult contents = host.run(module, Map.of("src", "site/", "dest", dir.resolve("flat").toString(),
                "local_follow", false));
        assertThat(contents.isChanged()).isTrue();
        assertThat(Files.readString(dir.resolve("flat/index.html"))).isEqualTo("<h1>hi</h1>\n");
        assertThat(Files.readSymbolicLink(dir.resolve("flat/latest"))).isEqualTo(Path.of("index.html"));
    }

    @Test
    void argumentErrorsUseAnsiblesWords() {
        assertThat(host.run(module, Map.of("dest", dir.toString())).msg()).isEqualTo("src (or content) is required");
        assertThat(host.run(module, Map.of("dest", dir.toString(), "src", "a", "content", "b")).msg())
                .isEqualTo("src and content are mutually exclusive");
        assertThat(host.run(module, Map.of("dest", dir + "/", "content", "b")).msg())
                .isEqualTo("can not use content with a dir as dest");
        assertThat(host.run(module, Map.of("dest", dir.toString(), "content", "b")).msg())
                .isEqualTo("can not use content with a dir as dest");
    }
}
