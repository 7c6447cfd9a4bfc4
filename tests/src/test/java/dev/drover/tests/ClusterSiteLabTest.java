package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.tests.PlayReport.HostStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster as an operator gets it: site.yml converged on three fresh lab hosts (one
 * controller, three workers) — preflight, common, apt_proxy, docker and node_agent for real
 * (packages from Debian through the apt cache), consul, nomad and llama_cpp from stand-in
 * release archives (the real ones cannot be downloaded here; see {@link ReleaseStandins}) —
 * with only models, experts and verify left out (they need real models and a real Nomad:
 * ClusterExpertsLabTest proves them against doubles). Then looked at the way an operator
 * would: apt on a worker goes through the controller's cache, Docker answers, the agent
 * answers, Consul and Nomad run as servers on the controller and clients elsewhere, SSH
 * refuses passwords, the firewall drops what it does not open, the tier groups and
 * drover.fact. Then a second run, {@code --check --diff} on the converged hosts, and
 * {@code --check} on a fourth, fresh host. The hosts are converged once and shared by every
 * method.
 *
 * <p>Hosts: {@code -Ddrover.clusterBaseHosts=lab10,lab11,lab12,lab13} (the default): the first
 * is the controller, the last the fresh host. Needs node-agent/target/drover-agent.jar.
 */
@LabHosts(value = {"lab10", "lab11", "lab12", "lab13"}, property = "drover.clusterBaseHosts")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSiteLabTest {

    private static final String CLUSTER_CIDR = "10.77.0.0/24";
    /** What site.yml cannot do on the lab: real models, a real Nomad to submit experts to, verify against them. */
    private static final String LEFT_OUT = "models,experts,verify";
    private static final String STANDIN_VERSION = "0.0.1-standin";
    private static final String STANDIN_LLAMA_TAG = "b1-standin";
    private static final String LAB_APT_PROXY = "http://10.77.0.1:3142";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.nanoTime();
    private final List<String> timings = new ArrayList<>();
    private Lab lab;
    private String controller;
    private List<String> converged;
    private String fresh;
    private Path workDir;
    private Path inventory;
    private LocalCommand.Output firstRun;

    @BeforeAll
    void convergeTheBase(HostPool.Lease lease) throws IOException {
        lab = Lab.require();
        List<String> hosts = lease.hosts();
        assertThat(hosts).as("drover.clusterBaseHosts: a controller, two workers and a fresh host").hasSize(4);
        controller = hosts.get(0);
        converged = hosts.subList(0, 3);
        fresh = hosts.get(3);
        Path agentJar = lab.root().resolve("node-agent/target/drover-agent.jar");
        assertThat(agentJar).as("the node_agent role installs this jar: build it first (bin/build)").isRegularFile();

        timedStep("reset " + hosts, () -> lab.reset(hosts.toArray(String[]::new)));
        workDir = Files.createTempDirectory("drover-cluster-base");
        inventory = workDir.resolve("inventory.yml");
        Files.writeString(inventory, inventoryYaml());
        writeStandinReleases();
        // A freshly installed Debian has its package lists; the lab's base image has none.
        LocalCommand.Output lists = lab.ssh(fresh, "apt-get update -qq");
        assertThat(lists.exitCode()).as(lists.describe()).isZero();

        firstRun = timed("converge " + converged, () -> play("--limit", "all:!" + fresh));
        assertThat(firstRun.exitCode()).as(firstRun.describe()).isZero();
        for (String host : converged) {
            assertThat(recap(firstRun, host).changed()).as("first run on %s\n%s", host, firstRun.stdout()).isPositive();
        }
    }

    @AfterAll
    void leaveNothingBehind() throws IOException {
        if (lab != null && controller != null) {
            lab.reset(converged.get(0), converged.get(1), converged.get(2), fresh);
        }
        if (workDir != null) {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        timings.add(String.format("total %.1f s", (System.nanoTime() - started) / 1e9));
        System.out.println("ClusterSiteLabTest timings: " + String.join(", ", timings));
    }

    @Test
    @Order(1)
    void aWorkersAptGoesThroughTheControllersCache() {
        String worker = converged.get(1);
        String cache = lab.host(controller).address();
        LocalCommand.Output config = lab.ssh(worker, "apt-config dump Acquire::http::Proxy");
        assertThat(config.stdout()).as(config.describe())
                .contains("Acquire::http::Proxy \"http://" + cache + ":3142\";");

        // A package nobody installed: the cache's log must show the worker fetching it.
        LocalCommand.Output download = lab.ssh(worker, "cd /tmp && rm -f hello_*.deb && apt-get download -q hello");
        assertThat(download.exitCode()).as(download.describe()).isZero();
        LocalCommand.Output log = lab.ssh(controller, "cat /var/log/apt-cacher-ng/apt-cacher.log");
        assertThat(log.stdout().lines())
                .as("apt-cacher-ng's log on %s\n%s", controller, log.stdout())
                .anyMatch(line -> line.contains("|" + lab.host(worker).address() + "|") && line.contains("/hello_"));

        // The cache itself fetches through the upstream proxy it was given (the lab's).
        LocalCommand.Output acng = lab.ssh(controller, "cat /etc/apt-cacher-ng/zz-drover.conf");
        assertThat(acng.stdout()).contains("Proxy: " + LAB_APT_PROXY, "BindAddress: " + cache + " 127.0.0.1");
    }

    @Test
    @Order(2)
    void dockerAnswersOnEveryNode() {
        for (String host : converged) {
            LocalCommand.Output info = lab.ssh(host,
                    "systemctl is-enabled docker && docker info --format '{{.ServerVersion}} {{.LoggingDriver}}'");
            assertThat(info.exitCode()).as(info.describe()).isZero();
            assertThat(info.stdout()).as(host).contains("enabled").containsPattern("\\d+\\.\\d+\\.\\d+\\S* json-file");
        }
    }

    @Test
    @Order(2)
    void consulAndNomadRunAsServersOnTheControllerAndClientsElsewhere() {
        for (String host : converged) {
            // consul.hcl's "server = ..." line, and the "enabled = ..." line of nomad.hcl's server block.
            LocalCommand.Output state = lab.ssh(host, "systemctl is-active consul nomad; consul version | head -1;"
                    + " grep '^server = ' /etc/consul.d/consul.hcl; sed -n '/^server {/{n;p}' /etc/nomad.d/nomad.hcl");
            boolean server = host.equals(controller);
            assertThat(state.stdout().lines().map(String::strip).toList()).as("%s\n%s", host, state.describe())
                    .containsExactly("active", "active", "Consul v" + STANDIN_VERSION + " (STAND-IN for drover's tests, not HashiCorp Consul)",
                            "server = " + server, "enabled = " + server);
        }
        LocalCommand.Output token = lab.ssh(controller, "stat -c '%a %U' /var/lib/drover/consul/bootstrap-token");
        assertThat(token.stdout().strip()).as("the Consul bootstrap token, kept on the first server").isEqualTo("600 root");
        assertThat(firstRun.stdout()).as("no secret in drover's output").doesNotContain(
                lab.ssh(controller, "cat /var/lib/drover/consul/bootstrap-token").stdout().strip());
    }

    @Test
    @Order(3)
    void theAgentAnswersOnTheClusterAddressAndKnowsTheVaultedToken() throws Exception {
        String token = decryptVaulted("drover_agent_api_token");
        for (String host : converged) {
            String base = "http://" + lab.host(host).address() + ":8700";
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET());
            assertThat(health.statusCode()).as("%s/healthz: %s", base, health.body()).isEqualTo(200);

            HttpRequest.Builder run = HttpRequest.newBuilder(URI.create(base + "/api/v1/checks/run"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            assertThat(send(run).statusCode()).as("checks/run without a token").isEqualTo(401);
            HttpResponse<String> authorised = send(run.header("Authorization", "Bearer " + token));
            assertThat(authorised.statusCode()).as("checks/run with the vaulted token: %s", authorised.body())
                    .isEqualTo(200);
        }
        LocalCommand.Output listening = lab.ssh(converged.get(1), "ss -Hltn 'sport = :8700'");
        assertThat(listening.stdout()).as("the agent binds the cluster address only")
                .contains(lab.host(converged.get(1)).address() + "]:8700").doesNotContain("*:8700");
    }

    @Test
    @Order(4)
    void sshRefusesPasswords() {
        LabHost worker = lab.host(converged.get(1));
        LocalCommand.Output attempt = LocalCommand.of(List.of("ssh",
                        "-o", "UserKnownHostsFile=" + worker.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                        "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
                        "-o", "NumberOfPasswordPrompts=0", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
                        "root@" + worker.address(), "true"))
                .timeout(Duration.ofSeconds(30)).run();
        assertThat(attempt.exitCode()).as(attempt.describe()).isEqualTo(255);
        assertThat(attempt.stderr()).as("the server offers public keys only").contains("Permission denied (publickey)");

        LocalCommand.Output effective = lab.ssh(worker.name(), "sshd -T");
        assertThat(effective.stdout().lines())
                .contains("passwordauthentication no", "kbdinteractiveauthentication no", "permitrootlogin without-password");
    }

    @Test
    @Order(5)
    void theFirewallOpensTheClusterPortsToTheClusterNetworkOnly() {
        String worker = converged.get(1);
        LocalCommand.Output rules = lab.ssh(worker, "nft list table inet drover");
        assertThat(rules.exitCode()).as(rules.describe()).isZero();
        assertThat(rules.stdout())
                .contains("policy drop;", "elements = { " + CLUSTER_CIDR + " }", "tcp dport 22 accept")
                .containsPattern("ip saddr @cluster_v4 tcp dport \\{ 3142, 4646-4648, 8300-8302, 8500, 8502, 8600, 8700, "
                        + "20000-32000, 50052 \\} accept")
                .containsPattern("ip saddr @cluster_v4 udp dport \\{ 4648, 8301, 8302, 8600 \\} accept");
        // Docker's own tables are still there beside drover's.
        assertThat(lab.ssh(worker, "nft list tables").stdout()).contains("table inet drover", "table ip nat");

        // A port nobody opened: the node itself reaches it, this machine (in the cluster network) does not.
        lab.ssh(worker, "nohup timeout 60 python3 -m http.server 9999 --bind 0.0.0.0 >/dev/null 2>&1 &");
        LocalCommand.Output local = lab.ssh(worker,
                "for i in $(seq 50); do curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9999/ && exit 0; sleep 0.1; done; exit 1");
        assertThat(local.stdout()).as(local.describe()).isEqualTo("200");
        LocalCommand.Output outside = LocalCommand.of(List.of("curl", "-s", "-o", "/dev/null", "--max-time", "2",
                "-w", "%{http_code}", "http://" + lab.host(worker).address() + ":9999/")).timeout(Duration.ofSeconds(10)).run();
        assertThat(outside.stdout()).as("port 9999 from this machine\n%s", outside.describe()).isEqualTo("000");
        lab.ssh(worker, "pkill -f 'http[.]server 9999' || true");
    }

    @Test
    @Order(6)
    void preflightWritesDroverFactAndGroupsNodesByTier() throws IOException {
        for (String host : converged) {
            LocalCommand.Output fact = lab.ssh(host, "cat /etc/ansible/facts.d/drover.fact");
            String tier = host.equals(converged.get(2)) ? "mid" : "low";
            assertThat(fact.stdout()).as(host)
                    .contains("\"cluster_address\": \"" + lab.host(host).address() + "\"", "\"hardware_tier\": \"" + tier + "\"");
        }
        LocalCommand.Output tiers = timed("tier groups", () -> play(workDir.resolve("tiers.yml"), false,
                "--limit", "all:!" + fresh));
        assertThat(tiers.exitCode()).as(tiers.describe()).isZero();
        assertThat(tiers.stdout()).as(tiers.stdout())
                .contains("\"mid tier: " + converged.get(2) + "\"",
                        "\"low tier: " + converged.get(0) + ", drover.fact says low\"",
                        "\"low tier: " + converged.get(1) + ", drover.fact says low\"")
                .doesNotContain("mid tier: " + converged.get(0), "low tier: " + converged.get(2));
    }

    @Test
    @Order(7)
    void tagsPreflightRunsPreflightAloneAndNeedsNoVaultPassword() {
        LocalCommand.Output run = timed("--tags preflight", () -> play(lab.root().resolve("site.yml"), false,
                "--tags", "preflight", "--limit", "all:!" + fresh));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> tasks = Pattern.compile("^TASK \\[([^]]+)]", Pattern.MULTILINE).matcher(run.stdout()).results()
                .map(m -> m.group(1)).filter(name -> !name.equals("Gathering Facts")).distinct().toList();
        assertThat(tasks).as(run.stdout()).isNotEmpty().allMatch(name -> name.startsWith("preflight : "));
        assertThat(tasks).contains("preflight : Check memory, disk, OS, ports, time and the cluster address");
        for (String host : converged) {
            assertThat(recap(run, host).changed()).as(host).isZero();
        }
    }

    @Test
    @Order(8)
    void aSecondRunChangesNothing() {
        LocalCommand.Output again = timed("second run", () -> play("--limit", "all:!" + fresh));
        assertThat(again.exitCode()).as(again.describe()).isZero();
        for (String host : converged) {
            assertThat(recap(again, host).changed()).as("second run on %s\n%s", host, again.stdout()).isZero();
        }
    }

    @Test
    @Order(9)
    void checkDiffOnTheConvergedNodesShowsNothingToChange() {
        LocalCommand.Output check = timed("--check --diff", () -> play("--limit", "all:!" + fresh, "--check", "--diff"));
        assertThat(check.exitCode()).as(check.describe()).isZero();
        for (String host : converged) {
            assertThat(recap(check, host).changed()).as("--check --diff on %s\n%s", host, check.stdout()).isZero();
        }
        assertThat(check.stdout()).as("no diff is shown").doesNotContainPattern("(?m)^\\+\\+\\+ ");
    }

    @Test
    @Order(10)
    void checkOnAFreshNodeShowsWhatWouldChangeAndChangesNothing() {
        List<String> watched = List.of("/etc", "/opt", "/var/lib/drover", "/usr/local");
        HostSnapshot before = HostSnapshot.take(lab, fresh, watched);
        String packagesBefore = lab.ssh(fresh, "dpkg-query -W -f '${Package} ${Version}\\n'").stdout();

        LocalCommand.Output check = timed("--check --diff on " + fresh, () -> play("--limit", fresh, "--check", "--diff"));
        assertThat(check.exitCode()).as(check.describe()).isZero();
        HostStats stats = recap(check, fresh);
        assertThat(stats.changed()).as(check.stdout()).isGreaterThan(10);
        assertThat(stats.failures()).isZero();
        // What would change, as the operator reads it: the packages, the firewall's file as a diff.
        assertThat(check.stdout())
                .containsPattern("TASK \\[common : Install the base packages][^\\n]*\\n(?:[^\\n]*\\n)*?changed: \\[" + fresh + "]")
                .containsPattern("TASK \\[common : Write the firewall][^\\n]*\\n--- before\\n\\+\\+\\+ \\S*/nftables.conf.j2\\n")
                .containsPattern("TASK \\[common : Harden SSH \\(keys only\\)][^\\n]*\\n--- before\\n\\+\\+\\+ \\S*/sshd-drover.conf.j2\\n")
                .contains("+table inet drover {", "+PasswordAuthentication no");

        assertThat(HostSnapshot.take(lab, fresh, watched)).as("files on %s after --check", fresh).isEqualTo(before);
        assertThat(lab.ssh(fresh, "dpkg-query -W -f '${Package} ${Version}\\n'").stdout())
                .as("packages on %s after --check", fresh).isEqualTo(packagesBefore);
    }

    // ---------------------------------------------------------------- helpers

    /** site.yml, all but {@link #LEFT_OUT}, with the stand-in releases. */
    private LocalCommand.Output play(String... args) {
        List<String> all = new ArrayList<>(List.of("--skip-tags", LEFT_OUT));
        all.addAll(List.of(args));
        return play(lab.root().resolve("site.yml"), true, all.toArray(String[]::new));
    }

    /**
     * Consul, Nomad and llama.cpp from stand-in archives in a directory of the control machine,
     * with their own sums: extra vars, since group_vars/all/releases.yml pins the real ones.
     */
    private void writeStandinReleases() throws IOException {
        Path standins = workDir.resolve("standins");
        Map<String, String> sums = ReleaseStandins.build(standins, STANDIN_VERSION, STANDIN_VERSION, STANDIN_LLAMA_TAG);
        Map<String, Object> vars = new java.util.LinkedHashMap<>();
        vars.put("artifact_source", standins.toString());
        vars.put("consul_version", STANDIN_VERSION);
        vars.put("nomad_version", STANDIN_VERSION);
        vars.put("llama_cpp_version", STANDIN_LLAMA_TAG);
        vars.put("llama_cpp_install_method", "prebuilt");
        vars.put("release_sha256", sums);
        Files.writeString(workDir.resolve("standins.json"), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(vars));
    }

    private LocalCommand.Output play(Path playbook, boolean withVault, String... args) {
        List<String> argv = new ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                "-i", inventory.toString()));
        if (withVault) {
            argv.addAll(List.of("--vault-password-file", lab.root().resolve("inventory/example.vault-pass").toString()));
        }
        argv.addAll(List.of("-e", "@" + workDir.resolve("standins.json")));
        argv.addAll(List.of(args));
        argv.add(playbook.toString());
        return LocalCommand.of(argv)
                .environment(Map.of("DROVER_ROLES_PATH", lab.root().resolve("roles").toString()))
                .timeout(Duration.ofMinutes(8)).run();
    }

    private static HostStats recap(LocalCommand.Output run, String host) {
        Matcher line = Pattern.compile("(?m)^" + host + "\\s*: ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+"
                + "failed=(\\d+)\\s+skipped=(\\d+)\\s+rescued=(\\d+)\\s+ignored=(\\d+)").matcher(run.stdout());
        assertThat(line.find()).as("a recap line for %s\n%s", host, run.describe()).isTrue();
        return new HostStats(Integer.parseInt(line.group(1)), Integer.parseInt(line.group(2)),
                Integer.parseInt(line.group(4)), Integer.parseInt(line.group(5)), Integer.parseInt(line.group(3)),
                Integer.parseInt(line.group(6)), Integer.parseInt(line.group(7)));
    }

    /** The value of a !vault variable of group_vars/all/vault.yml, opened with the example password. */
    private String decryptVaulted(String name) {
        String text;
        try {
            text = Files.readString(lab.root().resolve("group_vars/all/vault.yml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Matcher block = Pattern.compile("(?m)^" + name + ": !vault \\|\\n((?:[ \\t]+\\S+\\n?)+)").matcher(text);
        assertThat(block.find()).as("%s in group_vars/all/vault.yml", name).isTrue();
        String envelope = block.group(1).lines().map(String::strip).collect(Collectors.joining("\n", "", "\n"));
        LocalCommand.Output opened = LocalCommand.of(List.of(lab.root().resolve("bin/drover").toString(), "vault",
                        "decrypt", "--vault-password-file", lab.root().resolve("inventory/example.vault-pass").toString(),
                        "--output", "-", "-"))
                .stdin(envelope).timeout(Duration.ofMinutes(1)).run();
        assertThat(opened.exitCode()).as(opened.describe()).isZero();
        return opened.stdout().strip();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One controller, the two workers and the fresh host; the lab's connection settings; the cluster network. */
    private String inventoryYaml() throws IOException {
        Files.copy(lab.root().resolve("tests/src/test/resources/cluster/tiers.yml"), workDir.resolve("tiers.yml"));
        // The cluster's group_vars beside the tier playbook too, so that it sees what site.yml sees.
        Files.createSymbolicLink(workDir.resolve("group_vars"), lab.root().resolve("group_vars"));
        StringBuilder yaml = new StringBuilder("all:\n  vars:\n")
                .append("    cluster_cidr: ").append(CLUSTER_CIDR).append('\n')
                .append("    apt_proxy_upstream: ").append(LAB_APT_PROXY).append('\n')
                .append("  children:\n    controller_nodes:\n      hosts:\n")
                .append(hostEntry(controller, ""))
                .append("    worker_nodes:\n      hosts:\n        ").append(controller).append(": {}\n");
        // The third host meets a lowered "mid" bar, so the tiers differ inside the lab.
        yaml.append(hostEntry(converged.get(1), ""))
                .append(hostEntry(converged.get(2), "          hardware_tier_thresholds:\n"
                        + "            high: {cores: 64, memory_mb: 1048576, disk_gb: 10000}\n"
                        + "            mid: {cores: 1, memory_mb: 1024, disk_gb: 1}\n"))
                .append(hostEntry(fresh, ""));
        return yaml.toString();
    }

    private String hostEntry(String name, String extra) {
        LabHost host = lab.host(name);
        return "        " + name + ":\n"
                + "          ansible_host: " + host.address() + "\n"
                + "          ansible_user: " + host.user() + "\n"
                + "          ansible_ssh_private_key_file: " + host.privateKey() + "\n"
                + "          ansible_ssh_common_args: \"-o UserKnownHostsFile=" + host.knownHosts() + "\"\n"
                + "          mac_address: \"" + host.macAddress() + "\"\n"
                + extra;
    }

    private <T> T timed(String what, java.util.function.Supplier<T> step) {
        long start = System.nanoTime();
        try {
            return step.get();
        } finally {
            timings.add(String.format("%s %.1f s", what, (System.nanoTime() - start) / 1e9));
        }
    }

    private void timedStep(String what, Runnable step) {
        timed(what, () -> {
            step.run();
            return null;
        });
    }
}
