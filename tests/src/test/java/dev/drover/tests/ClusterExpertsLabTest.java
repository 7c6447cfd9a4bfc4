package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * roles/models, roles/experts and verify.yml on one lab host (lab16), as site.yml runs them
 * at its end: stand-in GGUF files served from this machine over the lab bridge (one download
 * interrupted beforehand, so the role must resume it), Nomad and Consul as contract doubles in
 * this JVM ({@link ClusterDoubles}) — or the real servers when NOMAD_ADDR and CONSUL_HTTP_ADDR
 * are set — and stand-in systemd units for the services other roles install (consul, nomad,
 * docker, drover-agent), so the verification has something to look at.
 *
 * <p>One converge, then: a second run changes nothing, --check --diff changes nothing, a wrong
 * sum and a placeholder sum fail clearly and keep the verified file, a stopped service shows
 * in its column of the summary table.
 */
@LabHosts(value = "lab16", property = "drover.clusterExpertsHost")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterExpertsLabTest {

    private static final String LAB_BRIDGE = "10.77.0.1";
    private static final String MODELS_DIR = "/var/lib/drover/models";
    private static final String SMALL = "standin-general-small.gguf";
    private static final int PARTIAL_BYTES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STANDIN_UNITS = "consul nomad docker drover-agent";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.nanoTime();
    private Lab lab;
    private String host;
    private Path dir;
    private TestHttpServer web;
    private ClusterDoubles doubles;
    private String nomadAddress;
    private String consulAddress;
    private final Map<String, String> sums = new LinkedHashMap<>();
    private LocalCommand.Output converge;
    private LocalCommand.Output freshCheck;
    private String freshListing;

    @BeforeAll
    void convergeOnce(HostPool.Lease lease) throws IOException {
        lab = Lab.require();
        host = lease.hosts().get(0);
        lab.reset(host);
        System.out.printf("ClusterExpertsLabTest: reset done at %.1f s%n", (System.nanoTime() - started) / 1e9);
        dir = Files.createTempDirectory("drover-cluster-experts");

        for (Map.Entry<String, Integer> model : Map.of("general-tiny", 60_000, "general-small", 300_000,
                "general-big", 500_000, "coder-tiny", 60_000).entrySet()) {
            Path file = StandinModels.build(model.getKey(), model.getValue());
            sums.put(file.getFileName().toString(), StandinModels.sha256(file));
        }
        web = TestHttpServer.start(LAB_BRIDGE, StandinModels.DIR.toAbsolutePath());

        String envNomad = System.getenv("NOMAD_ADDR");
        String envConsul = System.getenv("CONSUL_HTTP_ADDR");
        if (envNomad != null && !envNomad.isBlank() && envConsul != null && !envConsul.isBlank()) {
            nomadAddress = envNomad;
            consulAddress = envConsul.startsWith("http") ? envConsul : "http://" + envConsul;
        } else {
            doubles = ClusterDoubles.start(LAB_BRIDGE);
            doubles.addNodes(List.of(host), Map.of("node_tier", "mid"));
            nomadAddress = doubles.nomadAddress();
            consulAddress = doubles.consulAddress();
        }

        writeInventoryAndPlaybooks();
        installStandinServices();
        // An interrupted download: the first PARTIAL_BYTES of the model this node will run.
        String prefix = Files.readString(StandinModels.DIR.resolve(SMALL), StandardCharsets.US_ASCII).substring(0, PARTIAL_BYTES);
        LocalCommand.Output seeded = lab.ssh(host, "mkdir -p " + MODELS_DIR + " && cat > " + MODELS_DIR + "/" + SMALL + ".part", prefix);
        assertThat(seeded.exitCode()).as(seeded.describe()).isZero();

        // The lab image ships without apt lists, unlike a Debian installed by its installer; apt in
        // check mode does not update them (in Ansible neither), so fetch them as the installer would.
        LocalCommand.Output lists = lab.ssh(host, "apt-get update -qq");
        assertThat(lists.exitCode()).as(lists.describe()).isZero();
        System.out.printf("ClusterExpertsLabTest: apt lists fetched at %.1f s%n", (System.nanoTime() - started) / 1e9);
        // --check --diff on the fresh node: it says what would change and changes nothing.
        freshCheck = play("models-experts.yml", "--check", "--diff");
        freshListing = lab.ssh(host, "ls -A " + MODELS_DIR + "; command -v curl || echo no-curl").stdout();
        int requestsDuringCheck = web.fileRequests.size();
        assertThat(requestsDuringCheck).as("downloads in check mode").isZero();

        converge = play("cluster.yml");
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (lab != null) {
            lab.reset(host);
        }
        if (web != null) {
            web.close();
        }
        if (doubles != null) {
            doubles.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        if (lab != null) {
            System.out.printf("ClusterExpertsLabTest: wall time %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    @Test
    @Order(0)
    void checkModeOnTheFreshNodeShowsWhatWouldChangeAndChangesNothing() throws Exception {
        assertThat(freshCheck.exitCode()).as(freshCheck.describe()).isZero();
        assertThat(freshCheck.stdout()).as(freshCheck.describe())
                .contains("changed: [" + host + "]", "+ Job: \"expert-general\"", "+ Job: \"llama-rpc\"")
                .containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=[1-9]");
        assertThat(freshListing.lines().toList()).containsExactly(SMALL + ".part", "no-curl");
    }

    @Test
    @Order(1)
    void theNodeGetsTheModelItsMemoryRunsResumingTheInterruptedDownload() {
        assertThat(converge.exitCode()).as(converge.describe()).isZero();
        // 3072 MB - 2048 MB reserve = 1024 MB: the small model (1024), not the big one (4096), not the tiny one.
        LocalCommand.Output listing = lab.ssh(host, "cd " + MODELS_DIR + " && ls -A && sha256sum " + SMALL
                + " && stat -c '%a %U' " + SMALL + " .");
        assertThat(listing.stdout().lines().toList()).as(listing.describe())
                .contains(".verified", SMALL, sums.get(SMALL) + "  " + SMALL, "644 root", "755 root")
                .noneMatch(line -> line.contains("tiny") || line.contains("big") || line.endsWith(".part"));
        assertThat(web.fileRequests).as("what the role asked the web server for")
                .containsExactly(SMALL + " bytes=" + PARTIAL_BYTES + "-");
        assertThat(converge.stdout()).contains("changed: [" + host + "] => (item=standin-general-small (partial " + PARTIAL_BYTES + "))");
    }

    @Test
    @Order(2)
    void theExpertAndTheRpcWorkersRunInNomadAndTheExpertPassesInConsul() throws Exception {
        JsonNode job = get(nomadAddress + "/v1/job/expert-general");
        assertThat(job.path("Meta").path("model").asText()).isEqualTo("standin-general-small");
        assertThat(job.path("Meta").path("model_sha256").asText()).isEqualTo(sums.get(SMALL));
        assertThat(job.path("Status").asText()).isEqualTo("running");
        assertThat(get(nomadAddress + "/v1/job/llama-rpc").path("Status").asText()).isEqualTo("running");
        JsonNode allocations = get(nomadAddress + "/v1/job/expert-general/allocations");
        assertThat(allocations).isNotEmpty();
        assertThat(allocations.get(0).path("NodeName").asText()).isEqualTo(host);

        JsonNode passing = get(consulAddress + "/v1/health/service/expert-general?passing");
        assertThat(passing).hasSize(1);
        assertThat(passing.get(0).path("Service").path("Tags").toString()).contains("model-standin-general-small", "node-" + host);
        assertThat(converge.stdout()).contains("This node's expert passes its health check in Consul");
    }

    @Test
    @Order(3)
    void theVerificationPrintsOneLinePerNodeWithEveryColumnOk() {
        assertThat(converge.stdout()).as(converge.describe())
                .containsPattern("node\\s+consul\\s+nomad\\s+docker\\s+agent\\s+experts")
                .containsPattern(host + "\\s+ok\\s+ok\\s+ok\\s+ok\\s+ok");
    }

    @Test
    @Order(4)
    void aSecondRunChangesNothingAndDownloadsNothing() throws IOException {
        int requests = web.fileRequests.size();
        LocalCommand.Output again = play("cluster.yml");

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).as(again.describe()).containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=0\\s");
        assertThat(web.fileRequests).hasSize(requests);
    }

    @Test
    @Order(5)
    void checkModeWithDiffOnTheConvergedNodeChangesNothing() throws IOException {
        LocalCommand.Output check = play("cluster.yml", "--check", "--diff");

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).as(check.describe()).containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=0\\s");
    }

    @Test
    @Order(6)
    void aWrongSumFailsClearlyAndKeepsTheVerifiedFile() throws IOException {
        String wrong = "ab".repeat(32);
        LocalCommand.Output run = play("models.yml", "-e", "@" + modelsVars(wrong));

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout()).as(run.describe()).contains(SMALL + " from " + web.baseUrl() + "/files/" + SMALL
                + " has sha256 " + sums.get(SMALL) + ", but group_vars/all/models.yml says " + wrong
                + "; the download was removed and " + MODELS_DIR + "/" + SMALL + " left as it was");
        LocalCommand.Output kept = lab.ssh(host, "sha256sum " + MODELS_DIR + "/" + SMALL + "; ls -A " + MODELS_DIR);
        assertThat(kept.stdout()).contains(sums.get(SMALL)).doesNotContain(".part");
    }

    @Test
    @Order(7)
    void aPlaceholderSumNamesTheFileToFillIn() throws IOException {
        LocalCommand.Output run = play("models.yml", "-e", "@" + modelsVars("0".repeat(64)));

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.stdout()).as(run.describe()).contains("fill in the sha256 of " + SMALL
                + " (standin-general-small) in group_vars/all/models.yml: its value there is a placeholder (all zeros)");
    }

    @Test
    @Order(8)
    void aStoppedServiceShowsInItsColumnAndFailsTheVerification() throws IOException {
        lab.ssh(host, "systemctl stop docker");
        LocalCommand.Output verify = play("verify-only.yml", "-e", "verify_retry_timeout=0");

        assertThat(verify.exitCode()).as(verify.describe()).isNotZero();
        assertThat(verify.stdout()).as(verify.describe())
                .containsPattern(host + "\\s+ok\\s+ok\\s+FAILED\\s+ok\\s+ok")
                .contains("service: docker: running: expected true, found false");
    }

    // ---- the setting

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private LocalCommand.Output play(String playbook, String... more) {
        List<String> argv = new ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                "-i", dir.resolve("inventory.yml").toString(), "-e", "@" + dir.resolve("vars.json")));
        argv.addAll(List.of(more));
        argv.add(dir.resolve(playbook).toString());
        LocalCommand.Output output = LocalCommand.of(argv)
                .environment(Map.of("DROVER_ROLES_PATH", lab.root().resolve("roles").toString()))
                .timeout(Duration.ofMinutes(5)).run();
        System.out.printf("ClusterExpertsLabTest: %s %s took %.1f s (at %.1f s)%n", playbook, String.join(" ", more),
                output.took().toMillis() / 1000.0, (System.nanoTime() - started) / 1e9);
        return output;
    }

    private List<Map<String, Object>> generalModels(String smallSum) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (String size : List.of("big", "small", "tiny")) {
            String file = "standin-general-" + size + ".gguf";
            models.add(model("standin-general-" + size, file,
                    switch (size) { case "big" -> 4096; case "small" -> 1024; default -> 512; },
                    size.equals("small") && smallSum != null ? smallSum : sums.get(file)));
        }
        return models;
    }

    private Map<String, Object> model(String name, String file, int memory, String sum) {
        return Map.of("name", name, "url", web.baseUrl() + "/files/" + file, "filename", file, "memory_mb", memory, "sha256", sum);
    }

    private Path modelsVars(String smallSum) throws IOException {
        Path file = dir.resolve("models-" + smallSum.substring(0, 4) + ".json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("expert_models", Map.of("general", generalModels(smallSum),
                "coder", List.of(model("standin-coder-tiny", "standin-coder-tiny.gguf", 512, sums.get("standin-coder-tiny.gguf")))))));
        return file;
    }

    private void writeInventoryAndPlaybooks() throws IOException {
        Path root = lab.root();
        Files.createSymbolicLink(dir.resolve("group_vars"), root.resolve("group_vars"));
        LabHost lh = lab.host(host);
        String hostVars = "          ansible_host: " + lh.address() + "\n"
                + "          ansible_user: " + lh.user() + "\n"
                + "          ansible_ssh_private_key_file: " + lh.privateKey() + "\n"
                + "          ansible_ssh_common_args: \"-o UserKnownHostsFile=" + lh.knownHosts() + "\"\n"
                + "          cluster_address: " + lh.address() + "\n"
                + "          node_tier: mid\n"
                + "          node_expert: general\n"
                + "          node_memory_mb: 3072\n";
        Files.writeString(dir.resolve("inventory.yml"), "all:\n  children:\n"
                + "    controller_nodes:\n      hosts:\n        " + host + ":\n" + hostVars
                + "    worker_nodes:\n      hosts:\n        " + host + ":\n");
        Map<String, Object> vars = new LinkedHashMap<>(JSON.readValue(Files.readString(modelsVars(sums.get(SMALL))), Map.class));
        vars.put("experts_jobs_dir", root.resolve("jobs").toString());
        vars.put("verify_checks_file", root.resolve("checks/cluster.yml").toString());
        vars.put("experts_nomad_address", nomadAddress);
        vars.put("experts_consul_address", consulAddress);
        vars.put("verify_nomad_address", nomadAddress);
        vars.put("verify_consul_address", consulAddress);
        vars.put("experts_healthy_delay", 1);
        vars.put("experts_healthy_timeout", 30);
        vars.put("verify_retry_timeout", 10);
        Files.writeString(dir.resolve("vars.json"), JSON.writeValueAsString(vars));
        String verify = root.resolve("verify.yml").toString();
        Files.writeString(dir.resolve("cluster.yml"), """
                # site.yml's end: models -> (node_agent) -> experts -> verify.yml
                - name: Models
                  hosts: worker_nodes
                  become: true
                  gather_facts: false
                  roles: [models]
                - name: Experts
                  hosts: worker_nodes
                  become: true
                  gather_facts: false
                  roles: [experts]
                - import_playbook: %s
                """.formatted(verify));
        Files.writeString(dir.resolve("models.yml"), """
                - hosts: worker_nodes
                  become: true
                  gather_facts: false
                  roles: [models]
                """);
        Files.writeString(dir.resolve("models-experts.yml"), """
                - hosts: worker_nodes
                  become: true
                  gather_facts: false
                  roles: [models, experts]
                """);
        Files.writeString(dir.resolve("verify-only.yml"), "- import_playbook: " + verify + "\n");
    }

    /**
     * Units standing in for what the consul, nomad, docker and node_agent roles install, so
     * the service checks have something to find: each only sleeps, except the agent's, which
     * answers /healthz on 127.0.0.1:8700 (python3's http.server, on the lab image for ansible).
     */
    private void installStandinServices() {
        StringBuilder script = new StringBuilder("set -e; mkdir -p /srv/standin-agent; echo ok > /srv/standin-agent/healthz\n");
        for (String unit : STANDIN_UNITS.split(" ")) {
            String exec = unit.equals("drover-agent")
                    ? "/usr/bin/python3 -m http.server 8700 --bind 127.0.0.1 --directory /srv/standin-agent"
                    : "/bin/sleep infinity";
            script.append("printf '%s\\n' '[Unit]' 'Description=drover test stand-in for ").append(unit)
                    .append(" (ClusterExpertsLabTest)' '[Service]' 'ExecStart=").append(exec)
                    .append("' '[Install]' 'WantedBy=multi-user.target' > /etc/systemd/system/").append(unit).append(".service\n");
        }
        script.append("systemctl daemon-reload; systemctl enable --now ").append(STANDIN_UNITS).append(" >/dev/null 2>&1\n");
        LocalCommand.Output output = lab.ssh(host, script.toString());
        assertThat(output.exitCode()).as("stand-in units\n" + output.describe()).isZero();
    }
}
