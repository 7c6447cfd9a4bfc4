package dev.drover.modules.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.LocalFiles;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.TemplateAccess;
import dev.drover.template.TemplateOptions;
import dev.drover.transport.LocalConnection;
import dev.drover.transport.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drover_check on this machine: a check file found as a template, rendered with the task's variables, judged. */
class DroverCheckTest {

    @TempDir
    Path controller;
    @TempDir
    Path host;

    private ModuleResult run(String checks, Map<String, Object> vars, boolean checkMode) throws Exception {
        Files.createDirectories(controller.resolve("templates"));
        Files.writeString(controller.resolve("templates/preflight.yml.j2"), checks);
        LocalFiles files = (kind, name) -> {
            Path path = controller.resolve(kind).resolve(name);
            return Files.exists(path) ? Optional.of(path) : Optional.empty();
        };
        TemplateAccess templates = new TemplateAccess() {
            @Override
            public String renderFile(Path source, String text, TemplateOptions options) {
                String out = text;
                for (Map.Entry<String, Object> var : vars.entrySet()) {
                    out = out.replace("{{ " + var.getKey() + " }}", String.valueOf(var.getValue()));
                }
                return out;
            }

            @Override
            public Object evaluate(String expression) {
                return vars.get(expression.trim());
            }

            @Override
            public boolean isTrue(String condition) {
                return false;
            }

            @Override
            public boolean isDefined(String name) {
                return vars.containsKey(name);
            }
        };
        ModuleContext context = new ModuleContext(new Target(new LocalConnection("localhost")), checkMode, false,
                files, templates);
        DroverCheck module = new DroverCheck();
        return module.run(ModuleArgs.validate(module.name(), module.spec(),
                new LinkedHashMap<>(Map.of("src", "preflight.yml.j2"))), context);
    }

    @Test
    @SuppressWarnings("unchecked")
    void passingChecksAndAWarningReportOkWithTheWarning() throws Exception {
        Files.writeString(host.resolve("present"), "x");
        ModuleResult result = run("""
                file:
                  {{ dir }}/present:
                    exists: true
                  {{ dir }}/absent:
                    title: Room to grow
                    severity: warn
                    exists: true
                """, Map.of("dir", host), false);
        assertThat(result.isFailed()).isFalse();
        assertThat(result.isChanged()).isFalse();
        assertThat(result.msg()).isEqualTo("2 checks passed, 1 with a warning");
        assertThat((List<?>) result.get("warnings")).singleElement().asString()
                .startsWith("Room to grow: File: " + host + "/absent: exists:").endsWith("(warning)");
        assertThat((Map<String, Object>) result.get("summary")).containsEntry("count", 2).containsEntry("failed", 0L)
                .containsEntry("warnings", 1L);
    }

    @Test
    void aFailedCheckFailsTheTaskNamingIt_alsoInCheckMode() throws Exception {
        ModuleResult result = run("""
                file:
                  {{ dir }}/absent:
                    exists: true
                """, Map.of("dir", host), true);
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).startsWith("1 of 1 checks failed: File: " + host + "/absent: exists:");
        assertThat((List<?>) result.get("results")).singleElement().asString().contains("outcome=fail");
    }

    @Test
    void aMissingFileOrAMalformedOneIsAClearFailure() throws Exception {
        ModuleResult malformed = run("servce:\n  ssh: {running: true}\n", Map.of(), false);
        assertThat(malformed.isFailed()).isTrue();
        assertThat(malformed.msg()).contains("preflight.yml.j2:1").contains("unknown resource type 'servce'");

        DroverCheck module = new DroverCheck();
        ModuleContext context = new ModuleContext(new Target(new LocalConnection("localhost")), false, false,
                (kind, name) -> Optional.empty(), null);
        ModuleResult missing = module.run(ModuleArgs.validate(module.name(), module.spec(),
                new LinkedHashMap<>(Map.of("src", "nope.yml"))), context);
        assertThat(missing.msg()).isEqualTo("Could not find or access 'nope.yml' on the Ansible Controller.");
    }
}
