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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The power: section: defaults for every setting, and each mistake refused with its file:line. */
class PowerConfigTest {

    @TempDir
    Path dir;

    private static final String NODES = """
            power:
              self: a
              nodes:
                - {name: a, address: 10.0.0.1, mac: "52:54:00:00:00:0a", controller: true}
                - {name: b, address: 10.0.0.2, mac: 52-54-00-00-00-0B, broadcast: 10.0.0.255}
            """;

    @Test
    void absentMeansPowerIsOff() {
        assertThat(ConfigLoader.defaults().power()).isEmpty();
    }

    @Test
    void everySettingHasADefault() throws Exception {
        PowerConfig power = load(NODES).power().orElseThrow();
        assertThat(power.nodes()).extracting(PowerConfig.Node::name).containsExactly("a", "b");
        assertThat(power.nodes().get(0).controller()).isTrue();
        assertThat(power.nodes().get(1).mac()).isEqualTo("52:54:00:00:00:0b");
        assertThat(power.nodes().get(1).broadcast()).contains("10.0.0.255");
        assertThat(power.sleepMode()).isEqualTo("suspend");
        assertThat(power.sleepCommand()).containsExactly("systemctl", "suspend");
        assertThat(power.sleepOnLan().enabled()).isFalse();
        assertThat(power.sleepOnLan().port()).isEqualTo(9);
        PowerConfig.Idle idle = power.idle();
        assertThat(idle.enabled()).isFalse();
        assertThat(idle.after()).isEqualTo(Duration.ofMinutes(30));
        assertThat(idle.minAwakeNodes()).isEqualTo(1);
        assertThat(idle.cooldown()).isEqualTo(Duration.ofHours(1));
        assertThat(idle.maxLoad()).isEqualTo(0.5);
        assertThat(idle.dryRun()).isTrue();
        assertThat(idle.checkInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(power.schedules()).isEmpty();
        assertThat(power.peerToken()).isEmpty();
        assertThat(power.probeInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everySettingIsRead() throws Exception {
        PowerConfig power = load(NODES + """
                  sleep_mode: poweroff
                  sleep_on_lan: {enabled: true, password: "a1:b2:c3:d4:e5:f6", port: 4009}
                  idle: {enabled: true, after: 20s, min_awake_nodes: 0, cooldown: 0s, ports: [22, 8080], max_load: 2.5,
                         dry_run: false, check_interval: 5s}
                  schedules:
                    - {node: b, wake: "0 7 * * 1-5"}
                    - {node: b, sleep: "0 0 23 * * ?"}
                  peer_token: s3cret
                """).power().orElseThrow();
        assertThat(power.sleepCommand()).containsExactly("systemctl", "poweroff");
        assertThat(power.sleepOnLan().password()).hasSize(6);
        assertThat(power.idle().ports()).containsExactly(22, 8080);
        assertThat(power.idle().after()).isEqualTo(Duration.ofSeconds(20));
        assertThat(power.schedules()).extracting(PowerConfig.Scheduled::cron).containsExactly("0 0 7 ? * 1-5", "0 0 23 * * ?");
        assertThat(power.schedules()).extracting(PowerConfig.Scheduled::action).containsExactly("wake", "sleep");
        assertThat(power.peerToken()).contains("s3cret");
    }

    @Test
    void aSleepCommandOverridesTheMode() throws Exception {
        PowerConfig power = load(NODES + "  sleep_command: echo bye > /tmp/x\n").power().orElseThrow();
        assertThat(power.sleepCommand()).isEqualTo(List.of("/bin/sh", "-c", "echo bye > /tmp/x"));
    }

    @Test
    void mistakesNameTheFileAndLine() throws Exception {
        refused(NODES + "  sleep_mode: nap\n", ":6:", "'power.sleep_mode' must be suspend, hibernate or poweroff, not 'nap'");
        refused(NODES + "  idle: {after: soon}\n", ":6:", "'power.idle.after' must be a duration");
        refused(NODES + "  idle: {dryrun: false}\n", ":6:", "unknown setting 'power.idle.dryrun'");
        refused(NODES + "  sleep_on_lan: {enabled: true}\n", ":6:", "sleep-on-LAN needs a password");
        refused(NODES + "  sleep_on_lan: {password: abc}\n", ":6:", "must be 4 or 6 bytes in hex");
        refused(NODES + "  schedules:\n    - {node: c, wake: \"0 7 * * *\"}\n", ":7:", "no node 'c' in power.nodes");
        refused(NODES + "  schedules:\n    - {node: b, wake: \"61 7 * * *\"}\n", ":7:", "'power.schedules[0].wake' is not a valid cron expression");
        refused(NODES + "  schedules:\n    - {node: b}\n", ":7:", "give exactly one of wake: CRON or sleep: CRON");
        refused("""
                power:
                  self: a
                  nodes:
                    - {name: a, address: 10.0.0.1, mac: "52:54:00:00:0a"}
                """, ":4:", "'power.nodes[0].mac' is not a MAC address: '52:54:00:00:0a'");
        refused("""
                power:
                  self: z
                  nodes:
                    - {name: a, address: 10.0.0.1, mac: "52:54:00:00:00:0a"}
                """, ":2:", "'power.self' is 'z', which is not one of the nodes (a)");
        refused("""
                power:
                  nodes:
                    - {name: a, mac: "52:54:00:00:00:0a"}
                """, ":3:", "'power.nodes[0].address' is missing");
    }

    @Test
    void nodesComeFromAnInventory() throws Exception {
        Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    n1: {ansible_host: 10.0.0.11, mac_address: "52:54:00:00:00:11", wol_broadcast: 10.0.0.255}
                    n2: {ansible_host: 10.0.0.12, mac_address: "52:54:00:00:00:12"}
                    printer: {ansible_host: 10.0.0.99}
                  children:
                    controller_nodes:
                      hosts:
                        n1:
                """);
        PowerConfig power = load("power:\n  self: n2\n  inventory: hosts.yml\n").power().orElseThrow();
        assertThat(power.nodes()).containsExactly(
                new PowerConfig.Node("n1", "10.0.0.11", "52:54:00:00:00:11", java.util.Optional.of("10.0.0.255"), true),
                new PowerConfig.Node("n2", "10.0.0.12", "52:54:00:00:00:12", java.util.Optional.empty(), false));
    }

    private void refused(String yaml, String line, String message) throws Exception {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe()).contains("agent.yml" + line).contains(message));
    }

    private AgentConfig load(String yaml) throws Exception {
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }
}
