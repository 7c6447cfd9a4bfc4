package dev.drover.modules.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.nomad.NomadTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nomad_job against the Nomad double (or a real Nomad when NOMAD_ADDR is set). */
class NomadJobTest {

    private static NomadTarget nomad;
    private final String id = "mod-" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        nomad = NomadTarget.start();
    }

    @AfterAll
    static void stop() {
        nomad.close();
    }

    private Map<String, Object> job(String command, int memory) {
        Map<String, Object> task = Map.of("Name", "main", "Driver", "raw_exec",
                "Config", Map.of("command", command, "args", List.of("300")),
                "Resources", Map.of("CPU", 100, "MemoryMB", memory));
        Map<String, Object> group = Map.of("Name", "app", "Count", 1, "Tasks", List.of(task),
                "RestartPolicy", Map.of("Attempts", 2, "Interval", 1_800_000_000_000L, "Delay", 1_000_000_000L, "Mode", "fail"),
                "Update", Map.of("MinHealthyTime", 1_000_000_000L, "HealthyDeadline", 60_000_000_000L,
                        "ProgressDeadline", 120_000_000_000L));
        return Map.of("ID", id, "Name", id, "Type", "service", "Datacenters", List.of("dc1"), "TaskGroups", List.of(group));
    }

    private ModuleResult run(Map<String, Object> raw, boolean check) throws IOException {
        NomadJob module = new NomadJob(nomad.environment());
        ModuleContext context = new ModuleContext(null, check, true,
                (kind, path) -> Optional.of(dir.resolve(path)).filter(Files::exists), null);
        return module.run(ModuleArgs.validate("nomad_job", module.spec(), new HashMap<>(raw)), context);
    }

    @Test
    void checkModePlansThenRunRegistersAndWaitsThenNothingChanges() throws IOException {
        Map<String, Object> args = Map.of("content", job("sleep", 64));
        ModuleResult check = run(args, true);
        assertThat(check.isChanged()).isTrue();
        assertThat(check.msg()).isEqualTo("job " + id + " would change");
        assertThat(String.valueOf(check.diffs().get(0).get("prepared"))).contains("+ Job: \"" + id + "\"");
        assertThat(nomad.client().jobOrNull(id)).as("check mode registers nothing").isNull();

        ModuleResult first = run(args, false);
        assertThat(first.isFailed()).as(first.toString()).isFalse();
        assertThat(first.isChanged()).isTrue();
        assertThat(first.msg()).isEqualTo("job " + id + " registered and healthy");
        assertThat(String.valueOf(first.get("stdout"))).contains("successful");

        ModuleResult again = run(args, false);
        assertThat(again.isChanged()).isFalse();
        assertThat(again.msg()).isEqualTo("job " + id + " is up to date");
        assertThat(run(args, true).isChanged()).as("check mode of an unchanged job").isFalse();

        ModuleResult edited = run(Map.of("content", job("sleep", 96)), true);
        assertThat(edited.isChanged()).isTrue();
        assertThat(String.valueOf(edited.diffs().get(0).get("prepared"))).contains("+/- MemoryMB: \"64\" => \"96\"");

        ModuleResult absent = run(Map.of("name", id, "state", "absent", "purge", true), false);
        assertThat(absent.isChanged()).isTrue();
        assertThat(absent.msg()).isEqualTo("job " + id + " stopped and purged");
        assertThat(run(Map.of("name", id, "state", "absent"), false).isChanged()).isFalse();
    }

    @Test
    void aFailingDeploymentFailsTheTaskWithTheExplanation() throws IOException {
        ModuleResult result = run(Map.of("content", job("false", 64), "wait_timeout", 240), false);
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).startsWith("job " + id + " was registered but did not become healthy:")
                .contains("Failed due to unhealthy allocations").contains("* Terminated: exit code 1");
        run(Map.of("name", id, "state", "absent", "purge", true), false);
    }

    @Test
    void srcFilesWithHclVariables() throws IOException {
        String hcl = new String(getClass().getClassLoader().getResourceAsStream("nomad/web.nomad.hcl").readAllBytes());
        Files.writeString(dir.resolve("web.nomad.hcl"), hcl);
        ModuleResult check = run(Map.of("src", "web.nomad.hcl", "vars", Map.of("image", "nginx:1.25")), true);
        assertThat(check.isChanged()).isTrue();
        assertThat(String.valueOf(check.diffs().get(0).get("prepared"))).contains("+ image: \"nginx:1.25\"");
        ModuleResult missing = run(Map.of("src", "nope.hcl"), true);
        assertThat(missing.isFailed()).isTrue();
        assertThat(missing.msg()).contains("Could not find or access 'nope.hcl'");
    }

    @Test
    void nomadErrorsFailTheTaskWithNomadsText() throws IOException {
        Map<String, String> nowhere = Map.of("NOMAD_ADDR", "http://127.0.0.1:1");
        ModuleResult result = new NomadJob(nowhere).run(ModuleArgs.validate("nomad_job", new NomadJob().spec(),
                new HashMap<>(Map.of("name", "x", "state", "absent"))), new ModuleContext(null, false, false, null, null));
        assertThat(result.isFailed()).isTrue();
        assertThat(result.msg()).contains("cannot reach Nomad at http://127.0.0.1:1");
    }
}
