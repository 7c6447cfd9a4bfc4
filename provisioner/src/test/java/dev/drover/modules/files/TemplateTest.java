package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template against real paths; rendering is the test host's stand-in for the executor's Jinja. */
class TemplateTest {

    @TempDir
    Path controller;
    @TempDir
    Path dir;
    LocalHost host;
    final Template module = new Template();
    Path template;

    @BeforeEach
    void setUp() throws Exception {
        host = new LocalHost(controller).vars(Map.of("port", 8080));
        template = Files.writeString(Files.createDirectories(controller.resolve("templates")).resolve("app.conf.j2"),
                "listen {{ port }}\r\n");
    }

    @Test
    void rendersOnceAndThenOnlyLooks() throws Exception {
        Path dest = dir.resolve("app.conf");
        Map<String, Object> args = Map.of("src", "app.conf.j2", "dest", dest.toString(), "mode", "0640");
        ModuleResult first = host.diff(module, args);
        assertThat(first.fields()).containsEntry("changed", true).containsEntry("dest", dest.toString())
                .containsEntry("mode", "0640").containsEntry("src", template.toString());
        assertThat(first.diffs().get(0)).containsEntry("after", "listen 8080\n")
                .containsEntry("after_header", template.toString());
        assertThat(Files.readString(dest)).isEqualTo("listen 8080\n");

        int before = host.commands.get();
        assertThat(host.run(module, args).isChanged()).isFalse();
        assertThat(host.commands.get() - before).isEqualTo(1);

        host.vars(Map.of("port", 9090));
        String snapshot = LocalHost.snapshot(dir);
        assertThat(host.check(module, args).isChanged()).isTrue();
        assertThat(LocalHost.snapshot(dir)).isEqualTo(snapshot);
    }

    @Test
    void newlineSequenceAndIntoADirectory() throws Exception {
        ModuleResult result = host.run(module, Map.of("src", "app.conf.j2", "dest", dir.toString(),
                "newline_sequence", "\\r\\n"));
        assertThat(result.get("dest")).isEqualTo(dir + "/app.conf.j2");
        assertThat(Files.readString(dir.resolve("app.conf.j2"))).isEqualTo("listen 8080\r\n");
    }

    @Test
    void aMissingTemplateFails() {
        ModuleResult result = host.run(module, Map.of("src", "nope.j2", "dest", dir.resolve("x").toString()));
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).startsWith("Could not find or access 'nope.j2'");
    }
}
