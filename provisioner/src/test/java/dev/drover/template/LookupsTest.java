package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupsTest {

    @TempDir
    Path role;

    @TempDir
    Path playbook;

    private final TemplateFixture t = new TemplateFixture();

    @BeforeEach
    void searchPaths() throws IOException {
        Files.createDirectories(role.resolve("files"));
        Files.createDirectories(role.resolve("templates"));
        Files.writeString(role.resolve("files/motd"), "role motd\n\n");
        Files.writeString(playbook.resolve("motd"), "playbook motd\n");
        Files.writeString(playbook.resolve("only-here.txt"), "  spaced  \n");
        Files.writeString(role.resolve("templates/app.conf.j2"), "host={{ host }}\nport={{ port + 1 }}\n");
        t.searchPaths = List.of(role, playbook);
    }

    @Test
    void envReadsTheControllersEnvironment() {
        assertThat(t.render("{{ lookup('env', 'HOME') }}")).isEqualTo(System.getenv("HOME"));
        assertThat(t.render("{{ lookup('env', 'DROVER_SURELY_UNSET_VAR') }}")).isEqualTo("");
        assertThat(t.render("{{ lookup('env', 'DROVER_SURELY_UNSET_VAR', default='d') }}")).isEqualTo("d");
    }

    @Test
    void fileSearchesFilesDirThenBaseInEachSearchPathAndStripsTrailingWhitespace() {
        assertThat(t.render("{{ lookup('file', 'motd') }}")).isEqualTo("role motd");
        assertThat(t.render("{{ lookup('file', 'only-here.txt') }}")).isEqualTo("  spaced");
        assertThat(t.render("{{ lookup('file', '" + playbook.resolve("motd") + "') }}")).isEqualTo("playbook motd");
        assertThat(t.render("{{ lookup('file', 'motd', 'only-here.txt') }}")).isEqualTo("role motd,  spaced");
        assertThat(t.render("{{ query('file', 'motd', 'only-here.txt') }}")).isEqualTo(List.of("role motd", "  spaced"));
        assertThatThrownBy(() -> t.render("{{ lookup('file', 'nope.txt') }}"))
                .isInstanceOf(TemplateError.class)
                .hasMessageContaining("could not locate file in lookup: nope.txt");
        assertThat(t.render("{{ lookup('file', 'nope.txt', errors='ignore') | default('none', true) }}")).isEqualTo("none");
    }

    @Test
    void templateRendersWithTheSameVariables() {
        assertThat(t.render("{{ lookup('template', 'app.conf.j2') }}")).isEqualTo("host=db1\nport=5433\n");
    }

    @Test
    void pipeRunsOnTheControllerAndFailsOnNonZeroExit() {
        assertThat(t.render("{{ lookup('pipe', 'echo one; echo two') }}")).isEqualTo("one\ntwo");
        assertThat(t.render("{{ query('lines', 'printf \"a\\\\nb\\\\n\"') }}")).isEqualTo(List.of("a", "b"));
        assertThatThrownBy(() -> t.render("{{ lookup('pipe', 'exit 3') }}")).hasMessageContaining("lookup_plugin.pipe(exit 3) returned 3");
    }

    @Test
    void queryAndQAlwaysGiveListsAndWantlistToo() {
        assertThat(t.render("{{ q('env', 'HOME') }}")).isEqualTo(List.of(System.getenv("HOME")));
        assertThat(t.render("{{ lookup('env', 'HOME', wantlist=true) }}")).isEqualTo(List.of(System.getenv("HOME")));
        assertThat(t.render("{{ lookup('vars', 'host') }}")).isEqualTo("db1");
        assertThat(t.render("{{ lookup('items', [1, 2], wantlist=true) }}")).isEqualTo(List.of(1, 2));
        assertThat(t.render("{{ lookup('first_found', ['nope', 'motd']) }}")).isEqualTo(role.resolve("files/motd").toString());
    }

    @Test
    void includesAndImportsSearchTheSamePaths() throws IOException {
        Files.writeString(role.resolve("templates/macros.j2"), "{% macro greet(n) %}hi {{ n }}{% endmacro %}");
        Files.writeString(playbook.resolve("part.j2"), "part for {{ host }}");
        assertThat(t.text("[{% include 'part.j2' %}]")).isEqualTo("[part for db1]");
        assertThat(t.text("{% from 'macros.j2' import greet %}{{ greet(host) }}")).isEqualTo("hi db1");
        assertThatThrownBy(() -> t.text("{% include 'nope.j2' %}")).isInstanceOf(TemplateError.class);
    }

    @Test
    void anUnknownLookupIsNamed() {
        assertThatThrownBy(() -> t.render("{{ lookup('frob', 'x') }}")).hasMessageContaining("lookup plugin 'frob' not found");
    }

    @Test
    void passwordIsCreatedOnFirstUseAndReadAfterwards() throws IOException {
        Path file = playbook.resolve("credentials/db");
        String first = (String) t.render("{{ lookup('password', 'credentials/db length=12 chars=ascii_lowercase,digits') }}");
        assertThat(first).hasSize(12).matches("[a-z0-9]+");
        assertThat(Files.readString(file)).isEqualTo(first + "\n");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(t.render("{{ lookup('password', 'credentials/db length=30') }}")).isEqualTo(first);
        assertThat((String) t.render("{{ lookup('password', '/dev/null length=40 chars=digits') }}")).matches("[0-9]{40}");
        assertThat(t.render("{{ lookup('password', '/dev/null') }}")).asString().hasSize(20).matches("[A-Za-z0-9.,:_-]+");
        assertThat(FileLookups.alphabet("digits,,")).isEqualTo("0123456789,");
    }

    @Test
    void fileglobFindsFilesInTheFirstFolderThatHasMatches() throws IOException {
        Files.createDirectories(playbook.resolve("files/conf"));
        Files.writeString(playbook.resolve("files/conf/a.conf"), "a");
        Files.writeString(playbook.resolve("files/conf/b.conf"), "b");
        Files.createDirectories(playbook.resolve("files/conf/dir.conf"));
        assertThat(t.render("{{ query('fileglob', 'conf/*.conf') | map('basename') | list }}")).isEqualTo(List.of("a.conf", "b.conf"));
        assertThat(t.render("{{ lookup('fileglob', 'conf/*.none') }}")).isEqualTo("");
        assertThat(t.render("{{ query('fileglob', 'motd') }}")).isEqualTo(List.of(role.resolve("files/motd").toString()));
    }

    @Test
    void firstFoundTakesFilesAndPathsAndCanSkip() {
        assertThat(t.render("{{ lookup('first_found', {'files': ['nope', 'motd'], 'paths': ['" + playbook + "']}) }}"))
                .isEqualTo(playbook.resolve("motd").toString());
        assertThat(t.render("{{ lookup('first_found', ['nope', ['motd']]) }}")).isEqualTo(role.resolve("files/motd").toString());
        assertThat(t.render("{{ query('first_found', 'nope', skip=True) }}")).isEqualTo(List.of());
        assertThat(t.render("{{ query('first_found', {'files': ['nope'], 'skip': true}) }}")).isEqualTo(List.of());
        assertThatThrownBy(() -> t.render("{{ lookup('first_found', 'nope1', 'nope2') }}"))
                .hasMessageContaining("No file was found when using first_found.");
    }

    @Test
    void dictSequenceAndNestedAsLookups() {
        assertThat(t.render("{{ lookup('dict', {'a': 1}, wantlist=True) }}")).isEqualTo(List.of(Map.of("key", "a", "value", 1)));
        assertThat(t.render("{{ lookup('sequence', 'start=1 end=3') }}")).isEqualTo("1,2,3");
        assertThat(t.render("{{ query('nested', ['a'], [1, 2]) }}")).isEqualTo(List.of(List.of("a", 1), List.of("a", 2)));
    }
}
