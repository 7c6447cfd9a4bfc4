package dev.drover.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckFileTest {

    private static final Path FILE = Path.of("checks.yml");

    @Test
    void readsGossResourcesWithTheirAttributesInFileOrder() {
        CheckFile file = CheckFile.parse("""
                file:
                  /etc/passwd:
                    exists: true
                    mode: "0644"
                port:
                  tcp:22:
                    listening: true
                    ip: ['0.0.0.0']
                command:
                  slow:
                    exec: sleep 30
                    timeout: 2000
                    exit-status: 0
                """, FILE, Map.of());
        assertThat(file.checks()).extracting(Check::type, Check::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("file", "/etc/passwd"),
                        org.assertj.core.groups.Tuple.tuple("port", "tcp:22"),
                        org.assertj.core.groups.Tuple.tuple("command", "slow"));
        assertThat(file.checks().get(0).properties()).containsEntry("mode", "0644");
        assertThat(file.checks().get(1).properties().get("ip")).isEqualTo(List.of("0.0.0.0"));
        assertThat(file.checks().get(2).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(file.checks().get(1).source().line()).isEqualTo(6);
    }

    @Test
    void templatesTheFileWithTheHostsVariablesSoOneFileServesEveryHost() {
        String text = """
                file:
                  {{ app_dir }}/config:
                    exists: true
                {% if check_port %}
                port:
                  tcp:{{ port }}:
                    listening: true
                {% endif %}
                """;
        CheckFile web = CheckFile.parse(text, FILE, Map.of("app_dir", "/srv/web", "check_port", true, "port", 8080));
        CheckFile db = CheckFile.parse(text, FILE, Map.of("app_dir", "/srv/db", "check_port", false, "port", 5432));
        assertThat(web.checks()).extracting(Check::id).containsExactly("/srv/web/config", "tcp:8080");
        assertThat(db.checks()).extracting(Check::id).containsExactly("/srv/db/config");
    }

    @Test
    void severityTitleAndSkipAreReadAsGossAndDroverWriteThem() {
        CheckFile file = CheckFile.parse("""
                disk:
                  /:
                    title: Root has room
                    severity: warn
                    free_mb: {gt: 1024}
                memory:
                  ram:
                    skip: true
                    available_mb: {ge: 512}
                """, FILE, Map.of());
        Check disk = file.checks().get(0);
        assertThat(disk.severity()).isEqualTo(Severity.WARN);
        assertThat(disk.title()).isEqualTo("Root has room");
        assertThat(file.checks().get(1).skipped()).isTrue();
        assertThat(disk.severity()).isNotEqualTo(file.checks().get(1).severity());
    }

    @Test
    void anUnknownResourceTypeNamesFileLineAndTheNearestType() {
        assertThatThrownBy(() -> CheckFile.parse("file:\n  /a:\n    exists: true\nprot:\n  tcp:22:\n    listening: true\n",
                FILE, Map.of()))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe())
                        .startsWith("checks.yml:4:1: unknown resource type 'prot'; did you mean 'port'?"));
    }

    @Test
    void anUnknownAttributeSaysWhichOneWasMeant() {
        assertThatThrownBy(() -> CheckFile.parse("service:\n  ssh:\n    runing: true\n", FILE, Map.of()))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe())
                        .contains("checks.yml:3:5: service ssh: unknown attribute 'runing'; did you mean 'running'?")
                        .contains("attributes of service:"));
    }

    @Test
    void aBadMatcherIsRejectedBeforeAnythingRuns() {
        assertThatThrownBy(() -> CheckFile.parse("disk:\n  /:\n    free_mb: {greater: 5}\n", FILE, Map.of()))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe())
                        .contains("checks.yml:3:5: unknown matcher 'greater'"));
        assertThatThrownBy(() -> CheckFile.parse("disk:\n  /:\n    free_mb: {gt: lots}\n", FILE, Map.of()))
                .hasMessageContaining("gt takes a number, found 'lots'");
        assertThatThrownBy(() -> CheckFile.parse("command:\n  x:\n    stdout: {match-regexp: '('}\n", FILE, Map.of()))
                .hasMessageContaining("invalid regular expression");
    }

    @Test
    void badSeverityAndTimeoutAreUserErrors() {
        assertThatThrownBy(() -> CheckFile.parse("cpu:\n  c:\n    severity: loud\n    count: 1\n", FILE, Map.of()))
                .hasMessageContaining("severity must be warn or fail");
        assertThatThrownBy(() -> CheckFile.parse("command:\n  c:\n    timeout: soon\n", FILE, Map.of()))
                .hasMessageContaining("timeout must be milliseconds");
    }

    @Test
    void gossNameOverridesAndMatchingAreAccepted() {
        CheckFile file = CheckFile.parse("""
                service:
                  sshd: {name: ssh, running: true}
                kernel-param:
                  somaxconn: {name: net.core.somaxconn, value: {gt: 100}}
                matching:
                  answer: {content: 42, matches: {and: [{gt: 40}, {lt: 45}]}}
                mount:
                  /: {vfs-opts: [rw], opts: [rw]}
                """, FILE, Map.of());
        assertThat(file.checks()).hasSize(4);
        assertThat(file.checks().get(0).properties()).containsEntry("name", "ssh");
    }

    @Test
    void portsAndAddressesMustHaveTheirShape() {
        assertThatThrownBy(() -> CheckFile.parse("port:\n  ssh:\n    listening: true\n", FILE, Map.of()))
                .hasMessageContaining("port ssh: expected PROTOCOL:NUMBER, e.g. tcp:22");
        assertThatThrownBy(() -> CheckFile.parse("addr:\n  udp://1.2.3.4:53:\n    reachable: true\n", FILE, Map.of()))
                .hasMessageContaining("expected tcp://HOST:PORT");
        assertThat(CheckFile.parse("port:\n  '22': {listening: true}\n  udp6:53: {listening: false}\n", FILE, Map.of())
                .checks()).hasSize(2);
    }

    @Test
    void anUndefinedVariableSaysWhatToDo() {
        assertThatThrownBy(() -> CheckFile.parse("file:\n  '{{ missing_dir }}':\n    exists: true\n", FILE, Map.of()))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe())
                        .startsWith("checks.yml:2: templating failed: 'missing_dir' is undefined\n")
                        .contains("| default(...)"));
    }
}
