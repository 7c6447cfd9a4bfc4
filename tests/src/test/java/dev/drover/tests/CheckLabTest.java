package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code bin/drover check} against two lab hosts over SSH: every resource type with a
 * passing and a failing check, a hung check, templating from inventory variables,
 * severity: warn, --retry-timeout, formats' exit codes, and a malformed file.
 *
 * <p>The first host gets curl and a fake {@code docker} (lab hosts have no Docker): a script
 * on its PATH printing {@code docker inspect} JSON shaped like the real one. The second gets
 * wget, so both HTTP fetchers are used. Nomad and Consul are contract doubles served by this
 * test on the lab bridge, answering {@code GET /v1/nodes} and
 * {@code GET /v1/health/service/NAME?passing} with the fields the real APIs return; set
 * NOMAD_ADDR / CONSUL_HTTP_ADDR to run the same checks against real servers instead (the
 * Nomad cluster must then have a ready, eligible node named like the first host, and Consul
 * two passing instances of "web" and none of "db").
 *
 * <p>Uses two hosts lent from the pool (drover.labHosts, or the lab), which it resets.
 */
@LabHosts(count = 2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckLabTest {

    private static final String LAB_BRIDGE = "10.77.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lab lab;
    private String first;
    private String second;
    private HttpServer doubles;
    private String base;
    private String nomad;
    private String consul;

    /** The test's check files and inventory (made in @BeforeAll, which @TempDir fields do not reach). */
    private Path dir;

    private Path inventory;

    @BeforeAll
    void lab(HostPool.Lease hosts) throws IOException {
        lab = Lab.require();
        first = hosts.hosts().get(0);
        second = hosts.hosts().get(1);
        dir = Files.createTempDirectory("drover-checks");
        lab.reset(first, second);
        doubles = startDoubles();
        base = "http://" + LAB_BRIDGE + ":" + doubles.getAddress().getPort();
        nomad = System.getenv().getOrDefault("NOMAD_ADDR", base);
        consul = System.getenv().getOrDefault("CONSUL_HTTP_ADDR", base);
        install(first, "curl");
        install(second, "wget");
        // A stand-in for Docker: "web" runs and is healthy, "db" has exited, anything else does not exist.
        String fakeDocker = """
                #!/bin/sh
                [ "$1" = inspect ] || { echo "fake docker: only inspect" >&2; exit 2; }
                case "$2" in
                web) echo '[{"Id":"4f1c","Name":"/web","State":{"Status":"running","Running":true,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":4242,"ExitCode":0,"Error":"","StartedAt":"2026-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z","Health":{"Status":"healthy","FailingStreak":0,"Log":[]}},"Config":{"Image":"nginx:1.25"}}]' ;;
                db) echo '[{"Id":"9a2b","Name":"/db","State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":1,"Error":"","StartedAt":"2026-01-01T00:00:00Z","FinishedAt":"2026-01-01T00:01:00Z"},"Config":{"Image":"postgres:16"}}]' ;;
                *) echo '[]'; echo "Error: No such object: $2" >&2; exit 1 ;;
                esac
                """;
        assertThat(lab.ssh(first, "cat >/usr/local/bin/docker && chmod 755 /usr/local/bin/docker", fakeDocker).exitCode()).isZero();
        inventory = writeInventory();
    }

    @AfterAll
    void stop() {
        if (doubles != null) {
            doubles.stop(0);
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary folder is harmless
            }
        }
    }

    @Test
    void everyResourceTypePassesAndFailsAsWritten() throws Exception {
        Path checks = write("types.yml", """
                port:
                  tcp:22: {listening: true, ip: {contain-element: 0.0.0.0}}
                  tcp:2999: {listening: true}
                service:
                  ssh: {enabled: true, running: true}
                  drover-nope: {running: true}
                file:
                  /etc/passwd: {exists: true, mode: "0644", owner: root, filetype: file, contents: [root, "/^daemon:/"]}
                  /etc/drover-nope: {exists: true}
                package:
                  openssh-server: {installed: true}
                  drover-nope: {installed: true}
                command:
                  echo hello: {exit-status: 0, stdout: {have-prefix: hello}}
                  exit 3: {exit-status: 0}
                http:
                  BASE/ok: {status: 200, body: [hello drover]}
                  BASE/missing: {status: 200}
                process:
                  sshd: {running: true}
                  drover-nope: {running: true}
                user:
                  root: {exists: true, uid: 0, home: /root, groups: {contain-element: root}}
                  drover-nope: {exists: true}
                group:
                  root: {exists: true, gid: 0}
                  drover-nope: {exists: true}
                kernel-param:
                  kernel.ostype: {value: Linux}
                  kernel.osrelease: {value: 0.0-nope}
                mount:
                  /: {exists: true, usage: {lt: 100}, opts: [rw]}
                  /drover-nope: {exists: true}
                addr:
                  tcp://127.0.0.1:22: {reachable: true}
                  tcp://127.0.0.1:2999: {reachable: true, timeout: 1000}
                dns:
                  localhost: {resolvable: true}
                  drover-nope.invalid: {resolvable: true}
                interface:
                  lo: {exists: true, mtu: 65536, addrs: {contain-element: 127.0.0.1/8}}
                  drover0: {exists: true}
                disk:
                  /: {free_mb: {gt: 1}, used_percent: {le: 100}}
                  /tmp: {used_percent: {lt: 0}}
                memory:
                  ram: {total_mb: {gt: 1}}
                  lots: {available_mb: {gt: 100000000}}
                load:
                  now: {load1: {ge: 0}}
                  negative: {load15: {lt: 0}}
                cpu:
                  some: {count: {ge: 1}}
                  many: {count: {gt: 100000}}
                nomad_node:
                  self: {address: NOMAD, ready: true, eligible: true}
                  SECOND: {address: NOMAD, ready: true}
                consul_service:
                  web: {address: CONSUL, passing: 2}
                  db: {address: CONSUL, passing: {ge: 1}}
                docker_container:
                  web: {running: true, healthy: true}
                  db: {running: true}
                matching:
                  answer: {content: 42, matches: {and: [{gt: 40}, {lt: 45}]}}
                  wrong: {content: [a, b], matches: {contain-element: c}}
                """.replace("BASE", base).replace("NOMAD", nomad).replace("CONSUL", consul).replace("SECOND", second));
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", first, "--format", "json", checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        Map<String, String> outcomes = outcomes(run.stdout());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Port tcp:22 listening", "pass");
        expected.put("Port tcp:22 ip", "pass");
        expected.put("Port tcp:2999 listening", "fail");
        expected.put("Service ssh enabled", "pass");
        expected.put("Service ssh running", "pass");
        expected.put("Service drover-nope running", "fail");
        for (String property : List.of("exists", "mode", "owner", "filetype", "contents")) {
            expected.put("File /etc/passwd " + property, "pass");
        }
        expected.put("File /etc/drover-nope exists", "fail");
        expected.put("Package openssh-server installed", "pass");
        expected.put("Package drover-nope installed", "fail");
        expected.put("Command echo hello exit-status", "pass");
        expected.put("Command echo hello stdout", "pass");
        expected.put("Command exit 3 exit-status", "fail");
        expected.put("HTTP " + base + "/ok status", "pass");
        expected.put("HTTP " + base + "/ok body", "pass");
        expected.put("HTTP " + base + "/missing status", "fail");
        expected.put("Process sshd running", "pass");
        expected.put("Process drover-nope running", "fail");
        for (String property : List.of("exists", "uid", "home", "groups")) {
            expected.put("User root " + property, "pass");
        }
        expected.put("User drover-nope exists", "fail");
        expected.put("Group root exists", "pass");
        expected.put("Group root gid", "pass");
        expected.put("Group drover-nope exists", "fail");
        expected.put("KernelParam kernel.ostype value", "pass");
        expected.put("KernelParam kernel.osrelease value", "fail");
        expected.put("Mount / exists", "pass");
        expected.put("Mount / usage", "pass");
        expected.put("Mount / opts", "pass");
        expected.put("Mount /drover-nope exists", "fail");
        expected.put("Addr tcp://127.0.0.1:22 reachable", "pass");
        expected.put("Addr tcp://127.0.0.1:2999 reachable", "fail");
        expected.put("DNS localhost resolvable", "pass");
        expected.put("DNS drover-nope.invalid resolvable", "fail");
        expected.put("Interface lo exists", "pass");
        expected.put("Interface lo mtu", "pass");
        expected.put("Interface lo addrs", "pass");
        expected.put("Interface drover0 exists", "fail");
        expected.put("Disk / free_mb", "pass");
        expected.put("Disk / used_percent", "pass");
        expected.put("Disk /tmp used_percent", "fail");
        expected.put("Memory ram total_mb", "pass");
        expected.put("Memory lots available_mb", "fail");
        expected.put("Load now load1", "pass");
        expected.put("Load negative load15", "fail");
        expected.put("CPU some count", "pass");
        expected.put("CPU many count", "fail");
        expected.put("NomadNode self ready", "pass");
        expected.put("NomadNode self eligible", "pass");
        expected.put("NomadNode " + second + " ready", "fail");
        expected.put("ConsulService web passing", "pass");
        expected.put("ConsulService db passing", "fail");
        expected.put("DockerContainer web running", "pass");
        expected.put("DockerContainer web healthy", "pass");
        expected.put("DockerContainer db running", "fail");
        expected.put("Matching answer matches", "pass");
        expected.put("Matching wrong matches", "fail");
        assertThat(outcomes).as(run.stdout()).containsExactlyEntriesOf(expected);
    }

    @Test
    void httpWorksWithWgetAndDockerlessHostsSaySo() throws Exception {
        Path checks = write("wget.yml", """
                http:
                  BASE/ok: {status: 200, body: [hello drover]}
                  BASE/missing: {status: 404}
                docker_container:
                  web: {running: true}
                """.replace("BASE", base));
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", second, checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout())
                .contains("HTTP: " + base + "/ok: status: matches expectation: 200")
                .contains("HTTP: " + base + "/missing: status: matches expectation: 404")
                .contains("FAIL: DockerContainer: web: running: docker is not installed on this host")
                .contains("Count: 4, Failed: 1, Warnings: 0, Skipped: 0");
    }

    @Test
    void aHungCheckTimesOutAndTheRestStillFinish() throws Exception {
        Path checks = write("hung.yml", """
                command:
                  hung:
                    exec: sleep 30
                    timeout: 2000
                    exit-status: 0
                  echo quick: {exit-status: 0}
                file:
                  /etc/hostname: {exists: true}
                """);
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", first + "," + second, checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        for (String host : List.of(first, second)) {
            assertThat(run.stdout()).contains("== " + host);
        }
        assertThat(run.stdout())
                .contains("FAIL: Command: hung: exit-status: timed out after 2 s")
                .contains("Command: echo quick: exit-status: matches expectation: 0")
                .contains("File: /etc/hostname: exists: matches expectation: true")
                .contains("Count: 3, Failed: 1, Warnings: 0, Skipped: 0");
        assertThat(run.took()).as("the hung check is cut at its timeout, not after sleep 30").isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void oneFileServesEveryHostThroughInventoryVariables() throws Exception {
        Path checks = write("templated.yml", """
                file:
                  "{{ marker_file }}":
                    title: "marker of {{ inventory_hostname }}"
                    exists: true
                port:
                  "tcp:{{ ssh_port }}": {listening: true}
                """);
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", first + "," + second, checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        String firstPart = run.stdout().substring(run.stdout().indexOf("== " + first), run.stdout().indexOf("== " + second));
        String secondPart = run.stdout().substring(run.stdout().indexOf("== " + second));
        assertThat(firstPart).contains("marker of " + first + ": File: /etc/passwd: exists: matches expectation: true")
                .contains("Port: tcp:22: listening: matches expectation: true")
                .contains("Failed: 0");
        assertThat(secondPart).contains("FAIL: marker of " + second + ": File: /etc/drover-absent: exists: expected true, found false")
                .contains("Failed: 1");
    }

    @Test
    void warnChecksWarnWithoutFailing() throws Exception {
        Path checks = write("warn.yml", """
                disk:
                  /:
                    severity: warn
                    free_mb: {gt: 1000000000}
                file:
                  /etc/passwd: {exists: true}
                """);
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", first, checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("WARN: Disk: /: free_mb: expected {gt: 1000000000}, found")
                .contains("Count: 2, Failed: 0, Warnings: 1, Skipped: 0");
        LocalCommand.Output nagios = drover("check", "-i", inventory.toString(), "--limit", first, "--format", "nagios",
                checks.toString());
        assertThat(nagios.exitCode()).as("Nagios WARNING").isEqualTo(1);
        assertThat(nagios.stdout()).startsWith("DROVER WARNING - Count: 2, Failed: 0, Warnings: 1");
    }

    @Test
    void retryTimeoutWaitsUntilTheHostIsHealthy() throws Exception {
        lab.ssh(first, "rm -f /tmp/drover-retry-marker");
        Path checks = write("retry.yml", "file:\n  /tmp/drover-retry-marker: {exists: true}\n");
        Path out = dir.resolve("retry.out");
        Path err = dir.resolve("retry.err");
        ProcessBuilder builder = new ProcessBuilder(lab.root().resolve("bin/drover").toString(), "check", "-i",
                inventory.toString(), "--limit", first, "--retry-timeout", "60s", "--sleep", "1s", checks.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("NO_COLOR", "1");
        Process check = builder.start();
        try {
            // The marker appears only once drover has seen it missing and said it will try again.
            String retrying = first + ": 1 failing, retrying in 1.0s";
            Eventually.waitFor("drover check retrying while the marker is missing", () -> read(err),
                    text -> text.contains(retrying), Duration.ofSeconds(60));
            assertThat(check.isAlive()).as("still failing, so still retrying").isTrue();
            lab.ssh(first, "touch /tmp/drover-retry-marker");
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).as("drover check ends once the marker is there").isTrue();
        } finally {
            check.destroyForcibly();
        }
        assertThat(check.exitValue()).as(read(out) + read(err)).isZero();
        assertThat(read(out)).contains("File: /tmp/drover-retry-marker: exists: matches expectation: true")
                .contains("Failed: 0");
        LocalCommand.Output noRetry = drover("check", "-i", inventory.toString(), "--limit", second, checks.toString());
        assertThat(noRetry.exitCode()).as("no retry, no marker on the other host").isEqualTo(1);
    }

    @Test
    void becomeRunsTheWholeFileAsTheBecomeUser() throws Exception {
        Path checks = write("become.yml", "command:\n  id -un: {stdout: nobody}\n");
        LocalCommand.Output plain = drover("check", "-i", inventory.toString(), "--limit", first, checks.toString());
        assertThat(plain.exitCode()).as(plain.describe()).isEqualTo(1);
        assertThat(plain.stdout()).contains("Command: id -un: stdout: expected nobody, found root");
        LocalCommand.Output become = drover("check", "-i", inventory.toString(), "--limit", first, "-b", "--become-user",
                "nobody", checks.toString());
        assertThat(become.exitCode()).as(become.describe()).isZero();
        assertThat(become.stdout()).contains("Command: id -un: stdout: matches expectation: nobody");
    }

    @Test
    void aMalformedFileIsRejectedWithFileLineAndAHint() throws Exception {
        Path checks = write("bad.yml", "service:\n  ssh:\n    runing: true\n");
        LocalCommand.Output run = drover("check", "-i", inventory.toString(), "--limit", first, checks.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("ERROR! " + checks + ":3:5: service ssh: unknown attribute 'runing';"
                + " did you mean 'running'?");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnreachableHostExitsWithFour() throws Exception {
        Path unreachable = dir.resolve("unreachable.yml");
        LabHost host = lab.host(first);
        Files.writeString(unreachable, """
                all:
                  hosts:
                    ghost:
                      ansible_host: 10.77.0.250
                      ansible_user: root
                      ansible_ssh_private_key_file: %s
                      ansible_ssh_common_args: "-o UserKnownHostsFile=%s"
                """.formatted(host.privateKey(), host.knownHosts()));
        Path checks = write("tiny.yml", "file:\n  /etc/passwd: {exists: true}\n");
        LocalCommand.Output run = drover("check", "-i", unreachable.toString(), "-T", "2", checks.toString());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).contains("UNREACHABLE! ghost");
        assertThat(run.stdout()).contains("FAIL: Host: ghost: reachable: unreachable: ").contains("Failed: 1");
    }

    private Map<String, String> outcomes(String json) throws IOException {
        JsonNode results = JSON.readTree(json).path("hosts").get(0).path("results");
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (JsonNode result : results) {
            outcomes.put(result.path("resource-type").asText() + " " + result.path("resource-id").asText() + " "
                    + result.path("property").asText(), result.path("outcome").asText());
        }
        return outcomes;
    }

    private LocalCommand.Output drover(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(lab.root().resolve("bin/drover").toString());
        argv.addAll(List.of(args));
        return LocalCommand.of(argv).environment(Map.of("NO_COLOR", "1")).timeout(Duration.ofMinutes(3)).run();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void install(String host, String pkg) {
        LocalCommand.Output output = lab.ssh(host, "command -v " + pkg + " >/dev/null || { apt-get update -qq >/dev/null"
                + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + pkg + " >/dev/null; }");
        assertThat(output.exitCode()).as("installing " + pkg + " on " + host + "\n" + output.describe()).isZero();
    }

    /** The lab's connection settings for the two hosts, plus the variables the templated checks use. */
    private Path writeInventory() throws IOException {
        StringBuilder yaml = new StringBuilder("all:\n  hosts:\n");
        for (String name : List.of(first, second)) {
            LabHost host = lab.host(name);
            yaml.append("    ").append(name).append(":\n")
                    .append("      ansible_host: ").append(host.address()).append('\n')
                    .append("      ansible_user: ").append(host.user()).append('\n')
                    .append("      ansible_ssh_private_key_file: ").append(host.privateKey()).append('\n')
                    .append("      ansible_ssh_common_args: \"-o UserKnownHostsFile=").append(host.knownHosts()).append("\"\n")
                    .append("      marker_file: ").append(name.equals(first) ? "/etc/passwd" : "/etc/drover-absent").append('\n');
        }
        yaml.append("  vars:\n    ssh_port: 22\n");
        return Files.writeString(dir.resolve("inventory.yml"), yaml.toString());
    }

    /** Nomad's GET /v1/nodes and Consul's GET /v1/health/service/NAME?passing, with the fields the real APIs return. */
    private HttpServer startDoubles() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(LAB_BRIDGE, 0), 16);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "check-doubles");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            if (path.equals("/ok")) {
                send(exchange, 200, "text/plain", "hello drover\n");
            } else if (path.equals("/v1/nodes")) {
                send(exchange, 200, "application/json", "[" + nomadNode("5c6e1f0a-0d5e-4a43-9d1c-1a2b3c4d5e6f", first,
                        "ready", "eligible") + "," + nomadNode("7a8b9c0d-1e2f-4a5b-8c7d-6e5f4a3b2c1d", second, "down",
                        "ineligible") + "]");
            } else if (path.startsWith("/v1/health/service/") && "passing".equals(query)) {
                String service = path.substring("/v1/health/service/".length());
                send(exchange, 200, "application/json", service.equals("web")
                        ? "[" + consulEntry(first, "web-1") + "," + consulEntry(second, "web-2") + "]" : "[]");
            } else {
                send(exchange, 404, "text/plain", "not found\n");
            }
        }
    }

    private static String nomadNode(String id, String name, String status, String eligibility) {
        return "{\"Address\":\"10.77.0.13\",\"CreateIndex\":9,\"Datacenter\":\"dc1\",\"Drain\":false,\"Drivers\":{},"
                + "\"ID\":\"" + id + "\",\"LastDrain\":null,\"ModifyIndex\":9,\"Name\":\"" + name + "\",\"NodeClass\":\"\","
                + "\"NodePool\":\"default\",\"SchedulingEligibility\":\"" + eligibility + "\",\"Status\":\"" + status + "\","
                + "\"StatusDescription\":\"\",\"Version\":\"1.7.3\"}";
    }

    private static String consulEntry(String node, String id) {
        return "{\"Node\":{\"ID\":\"\",\"Node\":\"" + node + "\",\"Address\":\"10.77.0.13\",\"Datacenter\":\"dc1\"},"
                + "\"Service\":{\"ID\":\"" + id + "\",\"Service\":\"web\",\"Tags\":[],\"Address\":\"\",\"Port\":80},"
                + "\"Checks\":[{\"Node\":\"" + node + "\",\"CheckID\":\"serfHealth\",\"Name\":\"Serf Health Status\","
                + "\"Status\":\"passing\",\"ServiceID\":\"\",\"ServiceName\":\"\"}]}";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
