package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
