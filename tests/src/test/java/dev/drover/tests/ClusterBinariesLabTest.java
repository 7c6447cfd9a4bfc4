package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The roles consul, nomad and llama_cpp (with release_artifact and cluster_ca) on two lab
 * hosts, one controller and one worker, against stand-in release archives built at run time
 * (resources/cluster/standins: Consul, Nomad and llama.cpp cannot be downloaded here): pushed
 * from a directory of the control machine or downloaded from a URL, checked against pinned
 * sums, unpacked, linked, configured, units installed, services started; the rendered configs
 * read back as HCL; one restart per config change; a wrong sum fails clearly and keeps the old
 * binary; a second run and a check run change nothing.
 */
@LabHosts(value = {"lab14", "lab15"}, property = "drover.clusterBinariesHosts")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBinariesLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "0.0.1-standin";
    private static final String V2 = "0.0.2-standin";
    private static final String LLAMA_TAG = "b1-standin";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.nanoTime();
    private final Map<String, Long> phases = new LinkedHashMap<>();
    private Lab lab;
    private String controller;
    private String worker;
    private Path workDir;
    private Path standins;
    private Map<String, String> sums;
    private LocalCommand.Output converge;
    private LocalCommand.Output freshCheck;
    private Map<String, String> freshHostsAfterCheck;

    @BeforeAll
    void convergeBothHostsFromStandInArchives(HostPool.Lease lease) throws IOException {
        lab = Lab.require();
        List<String> hosts = lease.hosts();
        controller = hosts.get(0);
        worker = hosts.get(1);
        lab.reset(controller, worker);
        workDir = Files.createTempDirectory("drover-cluster-binaries");
        standins = workDir.resolve("standins");
        sums = new LinkedHashMap<>(buildStandins(V1, LLAMA_TAG));
        sums.putAll(buildStandins(V2, "b2-standin"));
        writeInventory();

        // A fresh Debian install has its apt lists; the lab's minimal image has none, and a check
        // run cannot fetch them (apt in check mode does not update, in Ansible either).
        List.of(controller, worker).parallelStream().forEach(host -> ssh(host, "apt-get update -qq"));
        freshCheck = timed("fresh check run", () -> play(List.of("--check", "--diff")));
        freshHostsAfterCheck = new LinkedHashMap<>();
        for (String host : List.of(controller, worker)) {
            freshHostsAfterCheck.put(host, ssh(host, "ls -d /etc/consul.d /etc/nomad.d /opt/drover /var/cache/drover"
                    + " /usr/local/bin/consul /etc/systemd/system/consul.service 2>&1 | grep -c 'No such file'").strip());
        }

        converge = timed("converge", () -> play(List.of()));
        assertThat(converge.exitCode()).as("the first run\n%s", converge.describe()).isZero();
    }

    @AfterAll
    void leaveNothingBehind() throws IOException {
        if (lab != null) {
            lab.reset(controller, worker);
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf("ClusterBinariesLabTest: wall time %.1f s %s%n", (System.nanoTime() - started) / 1e9, phases);
    }

    @Test
    @Order(0)
    void aCheckRunOnFreshHostsShowsTheChangesAndMakesNone() {
        assertThat(freshCheck.exitCode()).as(freshCheck.describe()).isZero();
        for (String host : List.of(controller, worker)) {
            assertThat(freshCheck.stdout()).as(freshCheck.describe())
                    .containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=[1-9]\\d*\\s+unreachable=0\\s+failed=0");
        }
        // The diffs of the configs it would write; the restart of a unit not installed yet is "changed".
        assertThat(freshCheck.stdout()).contains("+server = true", "+bootstrap_expect = 1", "RUNNING HANDLER [consul : restart consul]")
                .doesNotContain("fatal:");
        assertThat(freshHostsAfterCheck).as("paths still missing on each host after the check run")
                .containsEntry(controller, "6").containsEntry(worker, "6");
        assertThat(converge.stdout()).as("the CA is made by the real run, not the check run")
                .contains("TASK [cluster_ca : Create the cluster CA]");
        String createCa = converge.stdout().substring(converge.stdout().indexOf("TASK [cluster_ca : Create the cluster CA]"));
        assertThat(createCa.substring(0, createCa.indexOf("TASK [", 10))).contains("changed: [" + controller + " -> localhost]");
    }

    @Test
    @Order(1)
    void theArchivesArePushedVerifiedUnpackedAndLinked() {
        for (String host : List.of(controller, worker)) {
            for (String name : List.of("consul", "nomad")) {
                String archive = name + "_" + V1 + "_linux_amd64.zip";
                String onHost = ssh(host, "sha256sum /var/cache/drover/releases/" + archive
                        + "; readlink /usr/local/bin/" + name + "; /usr/local/bin/" + name + " version");
                assertThat(onHost.lines()).as(host + " " + name).containsExactly(
                        sums.get(archive) + "  /var/cache/drover/releases/" + archive,
                        "/opt/drover/releases/" + name + "-" + V1 + "/" + name,
                        (name.equals("consul") ? "Consul v" : "Nomad v") + V1 + " (STAND-IN for drover's tests, not HashiCorp "
                                + (name.equals("consul") ? "Consul" : "Nomad") + ")");
            }
        }
    }

    @Test
    @Order(2)
    void consulAndNomadRunUnderSystemdAndAnswer() throws Exception {
        for (String host : List.of(controller, worker)) {
            assertThat(ssh(host, "systemctl is-enabled consul nomad; systemctl is-active consul nomad;"
                    + " systemctl show -p ExecStart --value consul | grep -o 'path=[^ ]*'").lines())
                    .as(host).containsExactly("enabled", "enabled", "active", "active", "path=/usr/local/bin/consul");
            String address = lab.host(host).address();
            assertThat(get("http://" + address + ":8500/v1/status/leader")).contains("STAND-IN consul");
            assertThat(get("http://" + address + ":4646/v1/status/leader")).contains("STAND-IN nomad");
        }
    }

    @Test
    @Order(3)
    void theBootstrapTokensStayOnTheFirstServerUnprinted() {
        String tokens = ssh(controller, "cd /var/lib/drover && stat -c '%a %U %n' consul/bootstrap-token nomad/bootstrap-token"
                + " consul/drover-consul-agent-token consul/drover-nomad-token && cat consul/bootstrap-token nomad/bootstrap-token"
                + " consul/drover-consul-agent-token consul/drover-nomad-token");
        List<String> lines = tokens.lines().toList();
        assertThat(lines.subList(0, 4)).allSatisfy(line -> assertThat(line).startsWith("600 root "));
        List<String> secrets = lines.subList(4, 8);
        assertThat(secrets).allSatisfy(secret -> assertThat(secret).matches(UUID.pattern())).doesNotHaveDuplicates();
        assertThat(ssh(worker, "ls /var/lib/drover/consul /var/lib/drover/nomad 2>&1 || true")).contains("No such file");
        for (String secret : secrets) {
            assertThat(converge.stdout() + converge.stderr()).as("drover's output").doesNotContain(secret);
        }
        // The agents got the agent token, Nomad its Consul token; the gossip keys are in place.
        for (String host : List.of(controller, worker)) {
            Map<String, Object> consulSecrets = RoleTemplates.parseHcl(ssh(host, "cat /etc/consul.d/secrets.hcl"));
            assertThat(map(map(consulSecrets, "acl"), "tokens")).containsEntry("agent", secrets.get(2));
            assertThat(consulSecrets.get("encrypt")).isNotNull();
            Map<String, Object> nomadSecrets = RoleTemplates.parseHcl(ssh(host, "cat /etc/nomad.d/secrets.hcl"));
            assertThat(map(nomadSecrets, "consul")).containsEntry("token", secrets.get(3));
        }
        assertThat(ssh(controller, "stat -c '%a %U %G' /etc/consul.d/secrets.hcl /etc/consul.d/tls/consul-key.pem").lines())
                .containsOnly("640 root consul");
    }

    @Test
    @Order(4)
    void theRenderedConfigsReadBackAsHcl() {
        Map<String, Object> server = RoleTemplates.parseHcl(ssh(controller, "cat /etc/consul.d/consul.hcl"));
        assertThat(server).containsEntry("server", true).containsEntry("bind_addr", lab.host(controller).address());
        assertThat(((Number) server.get("bootstrap_expect")).intValue()).isEqualTo(1);
        assertThat(map(server, "acl")).containsEntry("default_policy", "deny");
        Map<String, Object> client = RoleTemplates.parseHcl(ssh(worker, "cat /etc/consul.d/consul.hcl"));
        assertThat(client).containsEntry("server", false).containsEntry("advertise_addr", lab.host(worker).address());
        assertThat(client.get("retry_join")).asList().containsExactly(lab.host(controller).address());

        Map<String, Object> nomadServer = RoleTemplates.parseHcl(ssh(controller, "cat /etc/nomad.d/nomad.hcl"));
        assertThat(map(nomadServer, "server")).containsEntry("enabled", true);
        assertThat(map(map(nomadServer, "client"), "meta")).containsEntry("node_type", "controller");
        Map<String, Object> nomadWorker = RoleTemplates.parseHcl(ssh(worker, "cat /etc/nomad.d/nomad.hcl"));
        assertThat(map(nomadWorker, "server")).containsEntry("enabled", false);
        assertThat(map(map(nomadWorker, "client"), "meta")).containsEntry("node_type", "worker");
        assertThat(map(map(map(nomadWorker, "client"), "host_volume"), "models")).containsEntry("read_only", true);
        assertThat(map(map(nomadWorker, "plugin"), "docker")).isNotEmpty();
    }

    @Test
    @Order(5)
    void theCertificatesComeFromTheClusterCa() {
        Path pki = workDir.resolve("pki");
        for (String host : List.of(controller, worker)) {
            for (String name : List.of("consul", "nomad")) {
                LocalCommand.Output verify = LocalCommand.of(List.of("openssl", "verify", "-CAfile", pki.resolve("ca.pem").toString(),
                        pki.resolve("hosts/" + host + "/" + name + ".pem").toString())).run();
                assertThat(verify.exitCode()).as(verify.describe()).isZero();
                String dir = name.equals("consul") ? "/etc/consul.d/tls/" : "/etc/nomad.d/tls/";
                assertThat(ssh(host, "sha256sum < " + dir + name + ".pem").strip())
                        .isEqualTo(localSha256(pki.resolve("hosts/" + host + "/" + name + ".pem")) + "  -");
            }
        }
        String serverNames = LocalCommand.of(List.of("openssl", "x509", "-noout", "-ext", "subjectAltName", "-in",
                pki.resolve("hosts/" + controller + "/consul.pem").toString())).run().stdout();
        assertThat(serverNames).contains("DNS:server.dc1.consul", "IP Address:" + lab.host(controller).address());
    }

    @Test
    @Order(6)
    void llamaCppIsBuiltWithCmakeOrUnpackedPrebuilt() {
        String built = ssh(worker, "grep -h '^GGML_RPC:BOOL' /opt/drover/src/llama.cpp-" + LLAMA_TAG + "/build/CMakeCache.txt;"
                + " readlink /usr/local/bin/rpc-server; rpc-server --version; llama-server --version");
        assertThat(built.lines()).containsExactly("GGML_RPC:BOOL=ON",
                "/opt/drover/src/llama.cpp-" + LLAMA_TAG + "/build/bin/rpc-server",
                "STAND-IN rpc-server " + LLAMA_TAG + " (built with cmake from a stand-in source, RPC on), not llama.cpp",
                "STAND-IN llama-server " + LLAMA_TAG + " (built with cmake from a stand-in source, RPC on), not llama.cpp");
        String prebuilt = ssh(controller, "readlink /usr/local/bin/llama-server; llama-server --version");
        assertThat(prebuilt.lines()).containsExactly("/opt/drover/releases/llama.cpp-" + LLAMA_TAG + "/build/bin/llama-server",
                "STAND-IN llama-server " + LLAMA_TAG + " (prebuilt stand-in archive), not llama.cpp");
    }

    @Test
    @Order(7)
    void aSecondRunAndACheckRunChangeNothing() {
        LocalCommand.Output again = timed("second run", () -> play(List.of()));
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertUnchanged(again);
        LocalCommand.Output check = timed("check run", () -> play(List.of("--check", "--diff")));
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertUnchanged(check);
    }

    @Test
    @Order(8)
    void aConfigChangeRestartsConsulExactlyOnce() {
        Map<String, Integer> consulStarts = starts("consul");
        Map<String, Integer> nomadStarts = starts("nomad");

        LocalCommand.Output changed = timed("config change", () -> play(List.of("-e", "consul_log_level=DEBUG")));

        assertThat(changed.exitCode()).as(changed.describe()).isZero();
        assertThat(count(changed.stdout(), "RUNNING HANDLER [consul : restart consul]")).as(changed.stdout()).isEqualTo(1);
        assertThat(count(changed.stdout(), "RUNNING HANDLER [nomad : restart nomad]")).as(changed.stdout()).isZero();
        for (String host : List.of(controller, worker)) {
            assertThat(changed.stdout()).containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=2\\s");
        }
        assertThat(starts("consul")).as("consul starts per host")
                .containsExactlyInAnyOrderEntriesOf(plusOne(consulStarts));
        assertThat(starts("nomad")).as("nomad starts per host").isEqualTo(nomadStarts);
        assertThat(ssh(worker, "grep log_level /etc/consul.d/consul.hcl")).contains("\"DEBUG\"");
    }

    @Test
    @Order(9)
    void aWrongChecksumFailsClearlyAndKeepsTheInstalledConsul() throws IOException {
        String archive = "consul_" + V2 + "_linux_amd64.zip";
        String wrong = sums.get("nomad_" + V2 + "_linux_amd64.zip");
        Map<String, String> pinned = new LinkedHashMap<>(sums);
        pinned.put(archive, wrong);
        Path vars = workDir.resolve("wrong-sum.json");
        Files.writeString(vars, JSON.writeValueAsString(Map.of("consul_version", V2, "consul_log_level", "DEBUG",
                "release_sha256", pinned)));

        LocalCommand.Output failed = timed("wrong checksum", () -> play(List.of("-e", "@" + vars)));

        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(2);
        assertThat(failed.stdout()).as(failed.stdout())
                .contains("Fail on the sha256 mismatch")
                .contains(archive + " (from " + standins + ") has sha256 " + sums.get(archive) + ", but " + wrong
                        + " is pinned for it in release_sha256: nothing was unpacked or installed from it, the installed version stays.");
        for (String host : List.of(controller, worker)) {
            assertThat(ssh(host, "readlink /usr/local/bin/consul; consul version | head -c 21; echo;"
                    + " systemctl is-active consul; ls /var/cache/drover/releases/" + archive + " /opt/drover/releases/consul-" + V2
                    + " 2>&1 | grep -c 'No such file'").lines())
                    .as(host).containsExactly("/opt/drover/releases/consul-" + V1 + "/consul", "Consul v" + V1, "active", "2");
        }
    }

    @Test
    @Order(10)
    void aUrlSourceDownloadsAndUpgradesNomad() {
        Map<String, Integer> nomadStarts = starts("nomad");
        try (TestHttpServer web = TestHttpServer.start("10.77.0.1", standins)) {
            LocalCommand.Output upgraded = timed("url source", () -> play(List.of("-e", "consul_log_level=DEBUG",
                    "-e", "artifact_source=" + web.baseUrl() + "/files", "-e", "nomad_version=" + V2)));
            assertThat(upgraded.exitCode()).as(upgraded.describe()).isZero();
            assertThat(count(upgraded.stdout(), "RUNNING HANDLER [nomad : restart nomad]")).isEqualTo(1);
        }
        for (String host : List.of(controller, worker)) {
            String archive = "nomad_" + V2 + "_linux_amd64.zip";
            assertThat(ssh(host, "sha256sum /var/cache/drover/releases/" + archive + "; nomad version").lines()).as(host)
                    .containsExactly(sums.get(archive) + "  /var/cache/drover/releases/" + archive,
                            "Nomad v" + V2 + " (STAND-IN for drover's tests, not HashiCorp Nomad)");
        }
        assertThat(starts("nomad")).containsExactlyInAnyOrderEntriesOf(plusOne(nomadStarts));
    }

    private void assertUnchanged(LocalCommand.Output run) {
        for (String host : List.of(controller, worker)) {
            assertThat(run.stdout()).as(run.describe()).containsPattern(host + "\\s*:\\s*ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0");
        }
    }

    private Map<String, String> buildStandins(String version, String llamaTag) {
        return ReleaseStandins.build(standins, version, version, llamaTag);
    }

    /** The lab's connection settings for the two hosts, one controller, both workers, stand-in versions and sums. */
    private void writeInventory() throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("artifact_source", standins.toString());
        vars.put("consul_version", V1);
        vars.put("nomad_version", V1);
        vars.put("llama_cpp_version", LLAMA_TAG);
        vars.put("release_sha256", sums);
        vars.put("consul_gossip_key", Base64.getEncoder().encodeToString(key));
        new SecureRandom().nextBytes(key);
        vars.put("nomad_gossip_key", Base64.getEncoder().encodeToString(key));
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (String name : List.of(controller, worker)) {
            LabHost host = lab.host(name);
            Map<String, Object> hostVars = new LinkedHashMap<>();
            hostVars.put("ansible_host", host.address());
            hostVars.put("ansible_user", host.user());
            hostVars.put("ansible_ssh_private_key_file", host.privateKey().toString());
            hostVars.put("ansible_ssh_common_args", "-o UserKnownHostsFile=" + host.knownHosts());
            // What preflight sets from cluster_interface or cluster_cidr in site.yml.
            hostVars.put("cluster_address", host.address());
            // The controller installs llama.cpp's prebuilt archive, the worker builds it from source.
            hostVars.put("llama_cpp_install_method", name.equals(controller) ? "prebuilt" : "source");
            // The stand-in source is C: a C toolchain and cmake build it. (The role's default,
            // build-essential with g++ for the real llama.cpp, takes a minute more to install here.)
            hostVars.put("llama_cpp_build_packages", List.of("cmake", "gcc", "libc6-dev", "make"));
            hosts.put(name, hostVars);
        }
        Map<String, Object> inventory = Map.of("all", Map.of("vars", vars, "hosts", hosts, "children", Map.of(
                "controller_nodes", Map.of("hosts", Map.of(controller, Map.of())),
                "worker_nodes", Map.of("hosts", Map.of(controller, Map.of(), worker, Map.of())))));
        Files.writeString(workDir.resolve("inventory.yml"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(inventory));
    }

    private LocalCommand.Output play(List<String> options) {
        List<String> argv = new ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                "-i", workDir.resolve("inventory.yml").toString()));
        argv.addAll(options);
        argv.add(lab.root().resolve("tests/src/test/resources/cluster/binaries.yml").toString());
        return LocalCommand.of(argv)
                .environment(Map.of("DROVER_ROLES_PATH", lab.root().resolve("roles").toString()))
                .timeout(Duration.ofMinutes(8))
                .run();
    }

    private LocalCommand.Output timed(String phase, java.util.function.Supplier<LocalCommand.Output> run) {
        long start = System.nanoTime();
        LocalCommand.Output output = run.get();
        phases.put(phase, (System.nanoTime() - start) / 1_000_000);
        return output;
    }

    /** How often the stand-in daemon started on each host (it writes a line per start). */
    private Map<String, Integer> starts(String name) {
        Map<String, Integer> starts = new LinkedHashMap<>();
        for (String host : List.of(controller, worker)) {
            starts.put(host, Integer.parseInt(ssh(host, "wc -l < /opt/" + name + "/standin/starts").strip()));
        }
        return starts;
    }

    private static Map<String, Integer> plusOne(Map<String, Integer> counts) {
        Map<String, Integer> more = new LinkedHashMap<>();
        counts.forEach((host, count) -> more.put(host, count + 1));
        return more;
    }

    private String ssh(String host, String command) {
        LocalCommand.Output output = lab.ssh(host, command);
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output.stdout();
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static String localSha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key + " in " + parent).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }
}
