package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.config.PowerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** power.services: defaults, every setting, and each mistake refused with its file:line. */
class ServiceConfigTest {

    @TempDir
    Path dir;

    private static final String NOMAD = "nomad:\n  address: http://127.0.0.1:4646\n  node: n1\n";

    @Test
    void aServiceNeedsOnlyItsJobAndPort() throws Exception {
        PowerConfig power = load(NOMAD + "power:\n  services:\n    - {job: whoami, port: 8080}\n").power().orElseThrow();
        assertThat(power.services()).containsExactly(new PowerConfig.Service("whoami", 8080, "0.0.0.0", "127.0.0.1", 8080,
                Duration.ofMinutes(30), Duration.ofMinutes(2), Duration.ofSeconds(5), false));
    }

    @Test
    void everySettingIsRead() throws Exception {
        PowerConfig power = load(NOMAD + """
                power:
                  services:
                    - job: llm
                      port: 8000
                      listen: 127.0.0.1
                      backend: 172.17.0.2:8001
                      idle_after: 10m
                      start_timeout: 90s
                      check_interval: 2s
                      dry_run: true
                    - {job: web, port: 80, backend: "[::1]:8080"}
                """).power().orElseThrow();
        assertThat(power.services()).containsExactly(
                new PowerConfig.Service("llm", 8000, "127.0.0.1", "172.17.0.2", 8001, Duration.ofMinutes(10),
                        Duration.ofSeconds(90), Duration.ofSeconds(2), true),
                new PowerConfig.Service("web", 80, "0.0.0.0", "::1", 8080, Duration.ofMinutes(30), Duration.ofMinutes(2),
                        Duration.ofSeconds(5), false));
    }

    @Test
    void mistakesAreRefusedWithTheirLine() throws Exception {
        refused("power:\n  services:\n    - {job: a, port: 80}\n", ":2:", "'power.services' needs a nomad: section");
        refused(NOMAD + "power:\n  services:\n    - {job: a}\n", ":6:", "'power.services[0].port' is missing");
        refused(NOMAD + "power:\n  services:\n    - {port: 80}\n", ":6:", "'power.services[0].job' is missing");
        refused(NOMAD + "power:\n  services:\n    - {job: a, port: 80, idle: 5m}\n", ":6:", "power.services[0].idle");
        refused(NOMAD + "power:\n  services:\n    - {job: a, port: 80}\n    - {job: b, port: 80}\n", ":7:",
                "port 80 is listed for two services");
        refused(NOMAD + "power:\n  services:\n    - {job: a, port: 80, backend: localhost}\n", ":6:",
                "'power.services[0].backend' must be HOST:PORT, not 'localhost'");
        refused(NOMAD + "power:\n  services:\n    - {job: a, port: 70000}\n", ":6:", "power.services[0].port");
        refused(NOMAD + "power:\n  services:\n    - {job: a, port: 80, idle_after: 1s, check_interval: 5s}\n", ":6:",
                "'power.services[0].idle_after' is shorter than check_interval");
    }

    private void refused(String yaml, String line, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe()).contains("agent.yml" + line).contains(message));
    }

    private AgentConfig load(String yaml) throws Exception {
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }
}
