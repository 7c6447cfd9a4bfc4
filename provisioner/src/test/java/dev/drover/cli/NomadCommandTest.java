package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.nomad.NomadTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code drover nomad} subcommand through the real CLI and HTTP stack, against the Nomad
 * double, or against a real Nomad when NOMAD_ADDR is set (e.g. {@code nomad agent -dev}).
 * Where only the double can stage a scenario (three nodes of known size, a docker image that
 * cannot be pulled), the test says so and asserts the double's exact figures.
 */
class NomadCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static NomadTarget nomad;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;
    private final String suffix = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startNomad() {
        nomad = NomadTarget.start();
    }

    @AfterAll
    static void stopNomad() {
        nomad.close();
    }

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int drover(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String[] full = new String[args.length + 1];
        full[0] = "nomad";
        System.arraycopy(args, 0, full, 1, args.length);
        try {
            return DroverCommand.run(full, nomad.environment());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A service job of one raw_exec task: real Nomad's dev agent runs it too. */
    static ObjectNode serviceJob(String id, String command, int memory) {
        ObjectNode job = JSON.createObjectNode();
        job.put("ID", id);
        job.put("Name", id);
        job.put("Type", "service");
        job.putArray("Datacenters").add("dc1");
        ObjectNode group = job.putArray("TaskGroups").addObject();
        group.put("Name", "app");
        group.put("Count", 1);
        group.putObject("RestartPolicy").put("Attempts", 2).put("Interval", 1_800_000_000_000L)
                .put("Delay", 1_000_000_000L).put("Mode", "fail");
        group.putObject("Update").put("MinHealthyTime", 1_000_000_000L).put("HealthyDeadline", 60_000_000_000L)
                .put("ProgressDeadline", 120_000_000_000L);
        ObjectNode task = group.putArray("Tasks").addObject();
        task.put("Name", "main");
        task.put("Driver", "raw_exec");
        ObjectNode config = task.putObject("Config");
        config.put("command", command);
        if (command.equals("sleep")) {
            config.putArray("args").add("300");
        }
        task.putObject("Resources").put("CPU", 100).put("MemoryMB", memory);
        return job;
    }

    private Path write(String name, Object content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content instanceof String text ? text : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content));
        return file;
    }

    @Test
    void runFollowsTheDeploymentUntilHealthyThenStatusAndPlanAgree() throws IOException {
        String id = "web-" + suffix;
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("Job", serviceJob(id, "sleep", 64));
        Path file = write(id + ".json", wrapped);

        assertThat(drover("run", file.toString())).as(out() + err()).isZero();
        assertThat(out()).contains("==> Monitoring evaluation \"").contains("finished with status \"complete\"")
                .contains("==> Monitoring deployment \"").containsPattern("app +1 +1 +1 +0").contains("\" successful");

        assertThat(drover("status")).isZero();
        assertThat(out()).containsPattern(id + " +service +50 +running");
        assertThat(drover("status", id)).isZero();
        assertThat(out()).contains("Status        = running").contains("Latest Deployment").contains("Status      = successful")
                .containsPattern("app +\\d+ +run +running");

        assertThat(drover("plan", file.toString())).as(out() + err()).isEqualTo(0);
        assertThat(out()).startsWith("Job: \"" + id + "\"").contains("- All tasks successfully allocated.")
                .contains("drover nomad run --check-index ");

        ((ObjectNode) wrapped.get("Job").get("TaskGroups").get(0).get("Tasks").get(0).get("Resources")).put("MemoryMB", 96);
        write(id + ".json", wrapped);
        assertThat(drover("plan", file.toString())).as(out() + err()).isEqualTo(1);
        assertThat(out()).contains("+/- Job: \"" + id + "\"").contains("+/- Task Group: \"app\" (1 create/destroy update")
                .contains("+/- Task: \"main\" (forces create/destroy update)").contains("+/- Resources {")
                .contains("+/- MemoryMB: \"64\" => \"96\"");
        if (!nomad.isReal()) {
            assertThat(drover("logs", id)).isZero();
            assertThat(out()).isEqualTo("main started on node-1\n");
        }
        drover("stop", "--purge", id);
    }

    @Test
    void checkIndexRefusesAJobThatChangedSinceThePlan() throws IOException {
        String id = "guarded-" + suffix;
        Path file = write(id + ".json", serviceJob(id, "sleep", 64));
        assertThat(drover("run", "--detach", "--check-index", "0", file.toString())).as(err()).isZero();
        assertThat(out()).contains("Job registration successful").contains("Evaluation ID: ");
        assertThat(drover("run", "--check-index", "0", file.toString())).isEqualTo(1);
        assertThat(err()).contains("ERROR! POST /v1/jobs: Nomad refused it (400): Enforcing job modify index 0: job already exists");
        drover("stop", "--purge", id);
    }

    @Test
    void placementFailureNamesTheExhaustedDimensionAndTheFilters() throws IOException {
        String id = "big-" + suffix;
        ObjectNode job = serviceJob(id, "sleep", 3000);
        ObjectNode group = (ObjectNode) job.get("TaskGroups").get(0);
        group.put("Count", 3);
        ArrayNode constraints = group.putArray("Constraints");
        constraints.addObject().put("LTarget", "${node.unique.name}").put("RTarget", "node-3").put("Operand", "!=");
        Path file = write(id + ".json", job);

        assertThat(drover("plan", file.toString())).isEqualTo(1);
        assertThat(out()).contains("+ Job: \"" + id + "\"").contains("- WARNING: Failed to place all allocations.");

        assertThat(drover("run", file.toString())).as(out() + err()).isEqualTo(2);
        assertThat(out()).contains("but failed to place all allocations:").contains("Task Group \"app\" (failed to place ")
                .contains("Dimension \"memory\" exhausted on ").contains("waiting for additional capacity to place remainder");
        if (!nomad.isReal()) {
            // the double's cluster: three 4096 MB nodes, node-3 excluded, room for one 3000 MB task on each of the others
            assertThat(out()).contains("(failed to place 1 allocation):")
                    .contains("* Constraint \"${node.unique.name} != node-3\": 1 nodes excluded by filter")
                    .contains("* Resources exhausted on 2 nodes")
                    .contains("* Dimension \"memory\" exhausted on 2 nodes");
        }
        drover("stop", "--purge", id);
    }

    @Test
    void aCrashingTaskFailsTheDeploymentAndItsExitCodeAndRestartsAreShown() throws IOException {
        String id = "crash-" + suffix;
        Path file = write(id + ".json", serviceJob(id, "false", 64));
        assertThat(drover("run", "--timeout", "240", file.toString())).as(out() + err()).isEqualTo(2);
        assertThat(out()).contains("failed: Failed due to unhealthy allocations")
                .containsPattern("Allocation \"[0-9a-f]{8}\" \\(" + id + "\\.app\\[0\\] on .+\\) is failed:")
                .contains("Task \"main\" is dead, failed, restarted 2 times")
                .contains("* Terminated: exit code 1")
                .contains("* Not Restarting: Exceeded allowed attempts 2 in interval 30m0s and mode is \"fail\"");
        drover("stop", "--purge", id);
    }

    @Test
    void aDriverFailureIsExplainedWithTheDriversError() throws IOException {
        assumeFalse(nomad.isReal(), "staged by the double: a docker image that cannot be pulled");
        String id = "pull-" + suffix;
        ObjectNode job = serviceJob(id, "sleep", 64);
        ObjectNode task = (ObjectNode) job.get("TaskGroups").get(0).get("Tasks").get(0);
        task.put("Driver", "docker");
        task.putObject("Config").put("image", "example/does-not-exist:1");
        Path file = write(id + ".json", job);
        assertThat(drover("run", file.toString())).isEqualTo(2);
        assertThat(out()).contains("Task \"main\" is dead, failed")
                .contains("* Driver Failure: Failed to pull `example/does-not-exist:1`: Error response from daemon");
        assertThat(drover("logs", id, "--stderr")).isZero();
        assertThat(out()).isEqualTo("main: fatal: cannot start\n");
    }

    @Test
    void hclJobsAreParsedByTheServerWithTheirVariables() throws IOException {
        String hcl = new String(getClass().getClassLoader().getResourceAsStream("nomad/web.nomad.hcl").readAllBytes(),
                StandardCharsets.UTF_8);
        Path file = write("web.nomad.hcl", hcl);
        Path vars = write("web.vars.hcl", "count = \"2\"\n");
        assertThat(drover("plan", file.toString(), "--var", "image=nginx:1.25", "--var-file", vars.toString()))
                .as(out() + err()).isEqualTo(1);
        assertThat(out()).contains("+ Job: \"web\"").contains("+ Task Group: \"web\" (2 create)")
                .contains("+ image: \"nginx:1.25\"");
    }

    @Test
    void aJobFileNomadCannotParseIsAnError255() throws IOException {
        Path file = write("broken.nomad.hcl", "job \"broken\" {\n  group \"g\" {\n");
        assertThat(drover("plan", file.toString())).isEqualTo(255);
        assertThat(err()).contains("ERROR! broken.nomad.hcl: Nomad cannot parse this job");
        Path json = write("broken.json", "{\"Job\": {\"ID\": ");
        assertThat(drover("plan", json.toString())).isEqualTo(255);
        assertThat(err()).contains("ERROR! broken.json:1:").contains("not valid JSON");
    }

    @Test
    void jinjaJobTemplatesSeeTheInventoryVariablesOfTheHost() throws IOException {
        String id = "tmpl-" + suffix;
        Files.createDirectories(dir.resolve("group_vars"));
        write("inventory.yml", "all:\n  children:\n    experts:\n      hosts:\n        gpu1:\n");
        write("group_vars/experts.yml", "expert_memory_mb: 77\n");
        String template = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(serviceJob(id, "sleep", 1))
                .replace("\"MemoryMB\" : 1", "\"MemoryMB\" : {{ expert_memory_mb }}")
                .replace("\"" + id + "\"", "\"" + id + "-{{ inventory_hostname }}\"");
        Path file = write(id + ".json.j2", template);
        assertThat(drover("plan", file.toString(), "-i", dir.resolve("inventory.yml").toString(), "--for", "gpu1"))
                .as(out() + err()).isEqualTo(1);
        assertThat(out()).contains("+ Job: \"" + id + "-gpu1\"").contains("+ MemoryMB: \"77\"");
        assertThat(drover("plan", file.toString(), "-i", dir.resolve("inventory.yml").toString())).isEqualTo(255);
        assertThat(err()).contains("-i needs --for HOST");
        assertThat(drover("plan", file.toString(), "--no-such-option")).as("a usage error is an error, not 'changes'")
                .isEqualTo(255);
        assertThat(drover("plan", file.toString(), "-i", dir.resolve("inventory.yml").toString())).isEqualTo(255);
        assertThat(err()).contains("-i needs --for HOST");
    }

    @Test
    void aPlaybookDirAddsItsGroupVarsAfterTheInventorysOwn() throws IOException {
        String id = "pbdir-" + suffix;
        Files.createDirectories(dir.resolve("project/inventory/group_vars"));
        Files.createDirectories(dir.resolve("project/group_vars/all"));
        write("project/inventory/hosts.yml", "all:\n  hosts:\n    gpu1:\n");
        write("project/inventory/group_vars/all.yml", "expert_memory_mb: 11\ncpu_mhz: 33\n");
        write("project/group_vars/all/models.yml", "expert_memory_mb: 88\n");
        String template = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(serviceJob(id, "sleep", 1))
                .replace("\"MemoryMB\" : 1", "\"MemoryMB\" : {{ expert_memory_mb }}")
                .replace("\"CPU\" : 100", "\"CPU\" : {{ cpu_mhz }}");
        Path file = write(id + ".json.j2", template);
        String inventory = dir.resolve("project/inventory/hosts.yml").toString();

        assertThat(drover("plan", file.toString(), "-i", inventory, "--for", "gpu1",
                "--playbook-dir", dir.resolve("project").toString())).as(out() + err()).isEqualTo(1);
        assertThat(out()).contains("+ MemoryMB: \"88\"").contains("+ CPU: \"33\"");
        assertThat(drover("plan", file.toString(), "-i", inventory, "--for", "gpu1")).as(out() + err()).isEqualTo(1);
        assertThat(out()).contains("+ MemoryMB: \"11\"");
        assertThat(drover("plan", file.toString(), "-i", inventory, "--for", "gpu1", "--playbook-dir",
                dir.resolve("nowhere").toString())).isEqualTo(255);
        assertThat(err()).contains("--playbook-dir " + dir.resolve("nowhere") + ": no such directory");
    }

    @Test
    void stopThenPurge() throws IOException {
        String id = "stop-" + suffix;
        Path file = write(id + ".json", serviceJob(id, "sleep", 64));
        assertThat(drover("run", file.toString())).as(out() + err()).isZero();
        assertThat(drover("stop", id)).isZero();
        assertThat(out()).contains("==> Job \"" + id + "\" stopped; evaluation \"");
        assertThat(drover("status", id)).isZero();
        assertThat(out()).contains("Status        = dead").containsPattern("app +\\d+ +stop +");
        assertThat(drover("stop", "--purge", id)).isZero();
        assertThat(out()).contains("stopped and purged");
        assertThat(drover("status", id)).isEqualTo(1);
        assertThat(err()).contains("(404): job not found");
    }

    @Test
    void dispatchStartsAParameterizedJobWithMetaAndPayload() throws IOException {
        String id = "batch-" + suffix;
        ObjectNode job = serviceJob(id, "sleep", 64);
        job.put("Type", "batch");
        ((ObjectNode) job.get("TaskGroups").get(0)).remove("Update");
        job.putObject("ParameterizedJob").put("Payload", "optional").putArray("MetaRequired").add("input");
        Path file = write(id + ".json", job);
        assertThat(drover("run", file.toString())).as(out() + err()).isZero();
        assertThat(out()).contains("Job registration successful (no evaluation: the job is periodic or parameterized)");
        Path payload = write("payload.txt", "hello");
        assertThat(drover("dispatch", id, "--meta", "input=model.gguf", "--payload", payload.toString()))
                .as(out() + err()).isZero();
        assertThat(out()).contains("Dispatched Job ID = " + id + "/dispatch-").contains("Evaluation ID     = ");
        assertThat(drover("dispatch", id)).isEqualTo(1);
        assertThat(err()).contains("Dispatch did not provide required meta keys");
        drover("stop", "--purge", id);
    }

    @Test
    void nodesAndDrain() {
        assertThat(drover("nodes")).isZero();
        assertThat(out()).containsPattern("ID +DC +Name +Class +Drain +Eligibility +Status");
        String firstLine = out().lines().skip(1).findFirst().orElseThrow();
        String name = firstLine.split("\\s+")[2];
        assertThat(firstLine).contains("false").contains("eligible");

        assertThat(drover("drain", name, "on")).as(err()).isZero();
        assertThat(out()).contains("drain strategy set");
        drover("nodes");
        assertThat(out()).containsPattern(name + " +\\S+ +true +ineligible");

        assertThat(drover("drain", name, "off")).as(err()).isZero();
        assertThat(out()).contains("drain strategy unset; node is eligible again");
        drover("nodes");
        assertThat(out()).containsPattern(name + " +\\S+ +false +eligible");

        assertThat(drover("drain", "no-such-node", "on")).isEqualTo(1);
        assertThat(err()).contains("no node named or with an ID starting no-such-node");
    }
}
