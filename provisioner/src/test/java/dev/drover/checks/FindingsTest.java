package dev.drover.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private static Check check(String type, String id, Map<String, Object> properties) {
        return new Check(type, id, "", Severity.FAIL, null, properties, SourceLocation.UNKNOWN);
    }

    @Test
    void listeningPortsComeFromProcNetWithTheirAddresses() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1
                   2: 0D004D0A:0016 01004D0A:994E 01 00000044:00000000 01:00000014 00000000     0        0 3 4
                """;
        String tcp6 = """
                  sl  local_address                         remote_address                        st
                   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A
                   1: 00000000000000000000000001000000:0CEA 00000000000000000000000000000000:0000 0A
                """;
        Findings ssh = Findings.read(check("port", "tcp:22", Map.of()), Map.of("tcp", tcp, "tcp6", tcp6));
        assertThat(ssh.values()).containsEntry("listening", true).containsEntry("ip", List.of("0.0.0.0", "::"));
        Findings local = Findings.read(check("port", "tcp:8080", Map.of()), Map.of("tcp", tcp, "tcp6", tcp6));
        assertThat(local.values()).containsEntry("ip", List.of("127.0.0.1"));
        Findings six = Findings.read(check("port", "tcp6:3306", Map.of()), Map.of("tcp", tcp, "tcp6", tcp6));
        assertThat(six.values()).containsEntry("listening", true).containsEntry("ip", List.of("::1"));
        Findings none = Findings.read(check("port", "tcp:9999", Map.of()), Map.of("tcp", tcp, "tcp6", tcp6));
        assertThat(none.values()).containsEntry("listening", false);
    }

    @Test
    void nomadNodesAreFoundByNameOrIdPrefix() {
        String nodes = """
                [{"ID":"f7476465-4d6e-c0de-26d0-e383c49be941","Name":"lab3","Status":"ready","SchedulingEligibility":"eligible","Drain":false},
                 {"ID":"0a1b2c3d-0000-0000-0000-000000000000","Name":"lab4","Status":"down","SchedulingEligibility":"ineligible","Drain":true}]
                """;
        Map<String, String> raw = Map.of("headers", "HTTP/1.1 200 OK\r\n", "body", nodes, "fetch_rc", "0", "hostname", "lab3");
        assertThat(Findings.read(check("nomad_node", "self", Map.of()), raw).values())
                .containsEntry("exists", true).containsEntry("ready", true).containsEntry("eligible", true);
        assertThat(Findings.read(check("nomad_node", "0a1b2c3d", Map.of()), raw).values())
                .containsEntry("ready", false).containsEntry("eligible", false).containsEntry("status", "down");
        assertThat(Findings.read(check("nomad_node", "lab9", Map.of()), raw).values()).containsEntry("exists", false);
    }

    @Test
    void consulPassingCountsTheInstancesTheHealthEndpointReturns() {
        String body = "[{\"Node\":{\"Node\":\"a\"},\"Service\":{\"ID\":\"web1\",\"Service\":\"web\"},\"Checks\":[]},"
                + "{\"Node\":{\"Node\":\"b\"},\"Service\":{\"ID\":\"web2\",\"Service\":\"web\"},\"Checks\":[]}]";
        Findings found = Findings.read(check("consul_service", "web", Map.of()),
                Map.of("headers", "HTTP/1.1 200 OK\n", "body", body, "fetch_rc", "0"));
        assertThat(found.values()).containsEntry("passing", 2);
    }

    @Test
    void dockerStateAndHealthComeFromInspect() {
        String inspect = "[{\"Id\":\"abc\",\"Name\":\"/web\",\"State\":{\"Status\":\"running\",\"Running\":true,"
                + "\"Health\":{\"Status\":\"unhealthy\",\"FailingStreak\":3}}}]";
        Findings found = Findings.read(check("docker_container", "web", Map.of()), Map.of("rc", "0", "inspect", inspect));
        assertThat(found.values()).containsEntry("running", true).containsEntry("healthy", false).containsEntry("exists", true);
        Findings missing = Findings.read(check("docker_container", "db", Map.of()),
                Map.of("rc", "1", "inspect", "[]", "error", "Error: No such object: db"));
        assertThat(missing.values()).containsEntry("exists", false).containsEntry("running", false);
        assertThat(Findings.read(check("docker_container", "db", Map.of()), Map.of("missing", "docker")).error())
                .isEqualTo("docker is not installed on this host");
    }

    @Test
    void httpStatusIsTheLastStatusLineAfterRedirectsAndNoFetcherIsSaidPlainly() {
        String headers = "HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";
        Findings found = Findings.read(check("http", "http://h/", Map.of()), Map.of("headers", headers, "body", "hello", "fetch_rc", "0"));
        assertThat(found.values()).containsEntry("status", 200).containsEntry("body", "hello");
        assertThat(Findings.read(check("http", "http://h/", Map.of()), Map.of("missing", "fetcher")).error())
                .startsWith("neither curl nor wget is installed on this host");
        assertThat(Findings.read(check("http", "http://h/", Map.of()),
                Map.of("fetch_rc", "7", "fetch_error", "curl: (7) Failed to connect to h port 80")).error())
                .isEqualTo("no HTTP response: curl: (7) Failed to connect to h port 80");
    }

    @Test
    void diskMemoryAndLoadNumbers() {
        Map<String, String> df = Map.of("df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "/dev/sda1 10485760 5242880 4194304 56% /\n");
        assertThat(Findings.read(check("disk", "/", Map.of()), df).values())
                .containsEntry("free_mb", 4096L).containsEntry("total_mb", 10240L).containsEntry("used_percent", 56);
        Map<String, String> meminfo = Map.of("meminfo", "MemTotal:        2048000 kB\nMemFree:  100 kB\nMemAvailable:    1024000 kB\n");
        assertThat(Findings.read(check("memory", "m", Map.of()), meminfo).values())
                .containsEntry("total_mb", 2000L).containsEntry("available_mb", 1000L);
        assertThat(Findings.read(check("load", "l", Map.of()), Map.of("loadavg", "0.50 0.25 0.10 1/100 42\n")).values())
                .containsEntry("load1", 0.5).containsEntry("load15", 0.1);
    }

    @Test
    void mountsComeFromMountinfoWithPerMountAndSuperblockOptions() {
        String mountinfo = "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro\n"
                + "40 22 0:35 / /mnt/my\\040disk ro,nosuid master:3 - tmpfs tmpfs rw,size=1024k\n";
        Map<String, String> raw = Map.of("mountinfo", mountinfo, "df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "tmpfs 1024 256 768 25% /mnt/my disk\n");
        Findings found = Findings.read(check("mount", "/mnt/my disk", Map.of()), raw);
        assertThat(found.values()).containsEntry("exists", true).containsEntry("filesystem", "tmpfs")
                .containsEntry("source", "tmpfs").containsEntry("opts", List.of("ro", "nosuid"))
                .containsEntry("vfs-opts", List.of("rw", "size=1024k"));
        assertThat(Findings.read(check("mount", "/", Map.of()), Map.of("mountinfo", mountinfo)).values())
                .containsEntry("source", "/dev/sda1").containsEntry("filesystem", "ext4");
        assertThat(Findings.read(check("mount", "/srv", Map.of()), Map.of("mountinfo", mountinfo)).values())
                .containsEntry("exists", false);
    }

    @Test
    void timedOutRecordFailsEveryPropertyWithTheTimeout() {
        Check slow = new Check("command", "slow", "", Severity.FAIL, Duration.ofSeconds(2),
                Map.of("exec", "sleep 30", "exit-status", 0), SourceLocation.UNKNOWN);
        List<CheckResult> results = Verdicts.judge(slow,
                new CheckScript.Record(124, Duration.ofSeconds(2), Map.of(), ""), Duration.ofSeconds(2), null);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
            assertThat(r.message()).isEqualTo("timed out after 2 s");
        });
    }
}
