package dev.drover.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.transport.LocalConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole file as one local sh script: what the agent does on its own node. */
class CheckRunnerTest {

    @TempDir
    Path dir;

    @Test
    void runsEveryCheckInOneScriptAndJudgesEachProperty() throws Exception {
        Path present = Files.writeString(dir.resolve("present.txt"), "alpha\nbeta\n");
        CheckFile file = CheckFile.parse("""
                file:
                  %1$s:
                    exists: true
                    filetype: file
                    contents: [alpha, "/^beta$/", "!gamma"]
                    size: 11
                  %2$s/absent:
                    exists: false
                command:
                  printf 'one\\ntwo\\n'; echo oops >&2; exit 3:
                    exit-status: 3
                    stdout: {contain-substring: two}
                    stderr: [oops]
                  echo wrong:
                    exit-status: 1
                cpu:
                  here:
                    count: {ge: 1}
                memory:
                  here:
                    skip: true
                    total_mb: {gt: 0}
                """.formatted(present, dir), dir.resolve("c.yml"), Map.of());
        HostReport report = new CheckRunner(Duration.ofSeconds(10)).run(file, new LocalConnection("local"));
        assertThat(report.host()).isEqualTo("local");
        assertThat(report.results()).extracting(r -> r.type() + " " + r.property() + " " + r.outcome())
                .containsExactly("file exists PASS", "file filetype PASS", "file contents PASS", "file size PASS",
                        "file exists PASS", "command exit-status PASS", "command stdout PASS", "command stderr PASS",
                        "command exit-status FAIL", "cpu count PASS", "memory total_mb SKIP");
        assertThat(report.healthy()).isFalse();
        assertThat(report.count(Outcome.SKIP)).isEqualTo(1);
        assertThat(report.results().get(8).message()).isEqualTo("expected 1, found 0");
    }

    @Test
    void nomadNodeAndConsulServiceSendTheirTokenSetting() throws Exception {
        // Nomad and Consul with ACLs default-deny: without the token the answer is empty or 403.
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String nomad = exchange.getRequestHeaders().getFirst("X-Nomad-Token");
            String consul = exchange.getRequestHeaders().getFirst("X-Consul-Token");
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/v1/nodes") && "n-secret".equals(nomad)
                    ? "[{\"ID\":\"1\",\"Name\":\"node1\",\"Status\":\"ready\",\"SchedulingEligibility\":\"eligible\"}]"
                    : path.equals("/v1/health/service/web") && "c-secret".equals(consul)
                    ? "[{\"Node\":{\"Node\":\"a\"},\"Service\":{\"ID\":\"web1\",\"Service\":\"web\"},\"Checks\":[]}]" : "[]";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String address = "http://127.0.0.1:" + server.getAddress().getPort();
            CheckFile file = CheckFile.parse("""
                    nomad_node:
                      node1: {address: "%1$s", token: n-secret, ready: true}
                      with-no-token: {name: node1, address: "%1$s", exists: false}
                    consul_service:
                      web: {address: "%1$s", token: c-secret, passing: 1}
                      no-token: {name: web, address: "%1$s", passing: 0}
                    """.formatted(address), dir.resolve("t.yml"), Map.of());
            HostReport report = new CheckRunner(Duration.ofSeconds(10)).run(file, new LocalConnection("local"));
            assertThat(report.results()).extracting(r -> r.id() + " " + r.property() + " " + r.outcome())
                    .containsExactly("node1 ready PASS", "with-no-token exists PASS", "web passing PASS", "no-token passing PASS");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void beyondTheConcurrencyCapChecksWaitForAFreeSlot() throws Exception {
        Path log = dir.resolve("log");
        StringBuilder yaml = new StringBuilder("command:\n");
        for (int i = 0; i < 4; i++) {
            yaml.append("  c").append(i).append(":\n    exec: \"echo start >>").append(log).append("; sleep 0.1; echo end >>")
                    .append(log).append("\"\n    exit-status: 0\n");
        }
        CheckFile file = CheckFile.parse(yaml.toString(), dir.resolve("c.yml"), Map.of());
        String script = CheckScript.build(file.checks(), java.util.Collections.nCopies(4, Duration.ofSeconds(10)), 1);
        var output = new LocalConnection("local").run(script);
        assertThat(CheckScript.parse(output.out())).hasSize(4).allSatisfy((n, record) -> assertThat(record.values())
                .containsEntry("exit-status", "0"));
        assertThat(Files.readAllLines(log)).as("one at a time").containsExactly("start", "end", "start", "end", "start", "end",
                "start", "end");
    }

    @Test
    void aHungCheckTimesOutWhileTheOthersFinish() {
        CheckFile file = CheckFile.parse("""
                command:
                  hung:
                    exec: sleep 30
                    timeout: 1s
                    exit-status: 0
                  quick:
                    exec: "true"
                    exit-status: 0
                load:
                  now:
                    severity: warn
                    load1: {lt: -1}
                """, dir.resolve("c.yml"), Map.of());
        long start = System.nanoTime();
        HostReport report = new CheckRunner(Duration.ofSeconds(10)).run(file, new LocalConnection("local"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(report.results()).extracting(CheckResult::id, CheckResult::outcome, CheckResult::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hung", Outcome.FAIL, "timed out after 1 s"),
                        org.assertj.core.groups.Tuple.tuple("quick", Outcome.PASS, "matches expectation: 0"),
                        org.assertj.core.groups.Tuple.tuple("now", Outcome.WARN, report.results().get(2).message()));
        assertThat(report.count(Outcome.WARN)).isEqualTo(1);
    }
}
