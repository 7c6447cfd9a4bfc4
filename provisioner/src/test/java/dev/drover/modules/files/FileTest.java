package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file module against real paths on this machine. */
class FileTest {

    @TempDir
    Path dir;
    LocalHost host;
    final File module = new File();

    @BeforeEach
    void setUp() {
        host = new LocalHost(dir);
    }

    @Test
    void aDirectoryAnotherProcessMakesMeanwhileIsNoError() throws Exception {
        // Two hosts delegating to one machine make pki/hosts/HOST at once: each directory one of them
        // finds missing may exist by the time it calls mkdir. This mkdir loses that race every time.
        host.shellPrefix("mkdir() { command mkdir \"$@\" 2>/dev/null; command mkdir \"$@\"; }\n");
        for (Map<String, Object> args : List.<Map<String, Object>>of(
                Map.of("path", dir.resolve("pki/hosts/lab14").toString(), "state", "directory", "mode", "0700"),
                Map.of("path", dir.resolve("other/hosts/lab15").toString(), "state", "directory", "mode", "0700",
                        "owner", "root"))) {
            ModuleResult made = host.run(module, args);
            assertThat(made.isFailed()).as(made.fields().toString()).isFalse();
            assertThat(made.isChanged()).isTrue();
            assertThat(LocalHost.mode(Path.of(String.valueOf(args.get("path"))))).isEqualTo(0700);
        }
    }

    @Test
    void createsADirectoryTreeWithTheModeThenLeavesItAlone() throws Exception {
        Path target = dir.resolve("a/b/c");
        Map<String, Object> args = Map.of("path", target.toString(), "state", "directory", "mode", "0750");

        int commands = host.commands.get();
        ModuleResult first = host.diff(module, args);
        assertThat(host.commands.get() - commands).as("looked and made in one command").isEqualTo(1);
        assertThat(first.isChanged()).isTrue();
        assertThat(first.fields()).containsEntry("path", target.toString()).containsEntry("state", "directory")
                .containsEntry("mode", "0750").containsEntry("owner", "root").containsEntry("uid", 0L);
        assertThat(first.get("diff")).isEqualTo(Map.of(
                "before", Map.of("path", target.toString(), "state", "absent", "mode", "0755"),
                "after", Map.of("path", target.toString(), "state", "directory", "mode", "0750")));
        assertThat(LocalHost.mode(dir.resolve("a"))).isEqualTo(0750);
        assertThat(LocalHost.mode(target)).isEqualTo(0750);

        int before = host.commands.get();
        ModuleResult second = host.run(module, args);
        assertThat(second.isChanged()).isFalse();
        assertThat(second.get("diff")).isEqualTo(Map.of("before", Map.of("path", target.toString()),
                "after", Map.of("path", target.toString())));
        assertThat(host.commands.get() - before).isEqualTo(1);
    }

    @Test
    void aNewDirectoryLosesAnInheritedSetgidBitAsWithAnsiblesChmod() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 02775);
        assertThat(LocalHost.mode(shared)).isEqualTo(02775);
        host.run(module, Map.of("path", shared.resolve("sub").toString(), "state", "directory", "mode", "0750"));
        assertThat(LocalHost.mode(shared.resolve("sub"))).isEqualTo(0750);
        host.run(module, Map.of("path", shared.resolve("keep").toString(), "state", "directory"));
        assertThat(LocalHost.mode(shared.resolve("keep")) & 02000).isEqualTo(02000);
        ModuleResult sticky = host.run(module, Map.of("path", dir.resolve("tmp").toString(), "state", "directory",
                "mode", "01777"));
        assertThat(sticky.fields()).containsEntry("mode", "01777");
        assertThat(LocalHost.mode(dir.resolve("tmp"))).isEqualTo(01777);
    }

    @Test
    void checkModeChangesNothing() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        Files.createDirectory(dir.resolve("d"));
        String snapshot = LocalHost.snapshot(dir);

        assertThat(host.check(module, Map.of("path", dir.resolve("new").toString(), "state", "directory")).isChanged())
                .isTrue();
        assertThat(host.check(module, Map.of("path", dir.resolve("f").toString(), "mode", "u=rwx")).isChanged()).isTrue();
        assertThat(host.check(module, Map.of("path", dir.resolve("d").toString(), "state", "absent")).isChanged())
                .isTrue();
        assertThat(host.check(module, Map.of("path", dir.resolve("t").toString(), "state", "touch")).isChanged())
                .isTrue();
        assertThat(host.check(module, Map.of("path", dir.resolve("l").toString(), "state", "link",
                "src", dir.resolve("f").toString())).isChanged()).isTrue();
        assertThat(LocalHost.snapshot(dir)).isEqualTo(snapshot);
    }

    @Test
    void fileStateChangesAttributesOnlyAndRefusesMissingFiles() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        ModuleResult chmod = host.diff(module, Map.of("path", file.toString(), "mode", "g+w"));
        assertThat(chmod.isChanged()).isTrue();
        assertThat(chmod.get("diff")).isEqualTo(Map.of("before", Map.of("path", file.toString(), "mode", "0644"),
                "after", Map.of("path", file.toString(), "mode", "0664")));
        assertThat(LocalHost.mode(file)).isEqualTo(0664);
        assertThat(host.run(module, Map.of("path", file.toString(), "mode", "g+w")).isChanged()).isFalse();

        Path missing = dir.resolve("missing");
        ModuleResult failed = host.run(module, Map.of("path", missing.toString(), "state", "file"));
        assertThat(failed.isFailed()).isTrue();
        assertThat(failed.msg()).isEqualTo("file (" + missing + ") is absent, cannot continue");
        assertThat(failed.get("state")).isEqualTo("absent");
    }

    @Test
    void absentRemovesTreesAndListsThemInTheDiff() throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("sub/f"), "x");
        ModuleResult result = host.diff(module, Map.of("path", tree.toString(), "state", "absent"));
        assertThat(result.isChanged()).isTrue();
        assertThat(result.fields()).containsEntry("state", "absent").doesNotContainKey("mode");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) ((Map<String, Object>) result.get("diff")).get("before");
        assertThat(before).containsEntry("state", "directory").containsEntry("path_content",
                Map.of("directories", List.of(tree + "/sub"), "files", List.of(tree + "/sub/f")));
        assertThat(tree).doesNotExist();
        assertThat(host.run(module, Map.of("path", tree.toString(), "state", "absent")).isChanged()).isFalse();
    }

    @Test
    void symlinksAreCreatedRepointedAndGuarded() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path b = Files.writeString(dir.resolve("b"), "b");
        Path link = dir.resolve("link");

        ModuleResult created = host.diff(module, Map.of("path", link.toString(), "src", a.toString(), "state", "link"));
        assertThat(created.fields()).containsEntry("changed", true).containsEntry("dest", link.toString())
                .containsEntry("src", a.toString()).containsEntry("state", "link").containsEntry("mode", "0777");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(a);
        assertThat(host.run(module, Map.of("path", link.toString(), "src", a.toString(), "state", "link")).isChanged())
                .isFalse();

        ModuleResult repointed = host.diff(module, Map.of("path", link.toString(), "src", "b", "state", "link"));
        assertThat(repointed.get("diff")).isEqualTo(Map.of(
                "before", Map.of("path", link.toString(), "src", a.toString()),
                "after", Map.of("path", link.toString(), "src", "b")));
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("b"));

        ModuleResult refused = host.run(module, Map.of("path", b.toString(), "src", a.toString(), "state", "link"));
        assertThat(refused.msg()).isEqualTo("refusing to convert from file to symlink for " + b);
        ModuleResult noSource = host.run(module, Map.of("path", link.toString(), "src", "nope", "state", "link"));
        assertThat(noSource.msg()).isEqualTo("src file does not exist, use \"force=yes\" if you really want to create"
                + " the link: " + dir.resolve("nope"));

        ModuleResult dangling = host.run(module, Map.of("path", link.toString(), "src", "nope", "state", "link",
                "force", true));
        assertThat(dangling.isChanged()).isTrue();
        assertThat(dangling.get("warnings")).asList().hasSize(1);
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("nope"));
    }

    @Test
    void hardLinksShareTheInode() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path h = dir.resolve("h");
        ModuleResult created = host.run(module, Map.of("path", h.toString(), "src", a.toString(), "state", "hard"));
        assertThat(created.fields()).containsEntry("changed", true).containsEntry("state", "hard");
        assertThat(Files.isSameFile(a, h)).isTrue();
        assertThat(host.run(module, Map.of("path", h.toString(), "src", a.toString(), "state", "hard")).isChanged())
                .isFalse();
        Path other = Files.writeString(dir.resolve("o"), "o");
        assertThat(host.run(module, Map.of("path", other.toString(), "src", a.toString(), "state", "hard")).msg())
                .isEqualTo("Cannot link, file exists at destination");
    }

    @Test
    void touchCreatesAndAlwaysUpdatesUnlessPreserved() throws Exception {
        Path t = dir.resolve("t");
        ModuleResult created = host.diff(module, Map.of("path", t.toString(), "state", "touch", "mode", "0600"));
        assertThat(created.fields()).containsEntry("changed", true).containsEntry("dest", t.toString())
                .containsEntry("state", "file").containsEntry("mode", "0600");
        assertThat(t).exists();
        assertThat(host.run(module, Map.of("path", t.toString(), "state", "touch")).isChanged()).isTrue();
        assertThat(host.run(module, Map.of("path", t.toString(), "state", "touch", "modification_time", "preserve",
                "access_time", "preserve")).isChanged()).isFalse();
    }

    @Test
    void explicitTimesAreSetOnceInTheHostsTimeZone() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Map<String, Object> args = Map.of("path", f.toString(), "modification_time", "202001021530.45",
                "access_time", "preserve");
        assertThat(host.run(module, args).isChanged()).isTrue();
        long expected = java.time.LocalDateTime.of(2020, 1, 2, 15, 30, 45)
                .atZone(java.time.ZoneId.systemDefault()).toEpochSecond();
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(FileTime.fromMillis(expected * 1000));
        assertThat(host.run(module, args).isChanged()).isFalse();
        assertThat(host.run(module, Map.of("path", f.toString(), "modification_time", "yesterday")).msg())
                .startsWith("Error while obtaining timestamp for time yesterday using format %Y%m%d%H%M.%S");
    }

    @Test
    void recurseAppliesModeToEverythingBelow() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Path f = Files.writeString(tree.resolve("f"), "x");
        ModuleResult result = host.run(module, Map.of("path", dir.resolve("tree").toString(), "state", "directory",
                "recurse", true, "mode", "u=rwX,g=rX,o="));
        assertThat(result.isChanged()).isTrue();
        assertThat(LocalHost.mode(tree)).isEqualTo(0750);
        assertThat(LocalHost.mode(f)).isEqualTo(0640);
        assertThat(host.run(module, Map.of("path", dir.resolve("tree").toString(), "state", "directory",
                "recurse", true, "mode", "u=rwX,g=rX,o=")).isChanged()).isFalse();
    }

    @Test
    void argumentRules() {
        assertThat(host.run(module, Map.of("path", dir.toString(), "recurse", true, "state", "file")).msg())
                .isEqualTo("recurse option requires state to be 'directory'");
        assertThat(host.run(module, Map.of("path", dir.resolve("x").toString(), "src", "/etc/hosts")).msg())
                .isEqualTo("src option requires state to be 'link' or 'hard'");
        assertThat(host.run(module, Map.of("path", dir.resolve("x").toString(), "owner", "no-such-user-here",
                "state", "touch")).msg()).isEqualTo("chown failed: failed to look up user no-such-user-here");
    }

    @Test
    void ownerAndGroupByNameOrNumber() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        ModuleResult result = host.diff(module, Map.of("path", f.toString(), "owner", "nobody", "group", "nogroup"));
        assertThat(result.isChanged()).isTrue();
        assertThat(result.fields()).containsEntry("owner", "nobody").containsEntry("group", "nogroup");
        assertThat(host.run(module, Map.of("path", f.toString(), "owner", "65534")).isChanged()).isFalse();
        assertThat(host.run(module, Map.of("path", f.toString(), "owner", "root", "group", "0")).isChanged()).isTrue();
    }
}
