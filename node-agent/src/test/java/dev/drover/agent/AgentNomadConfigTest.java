package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.config.PowerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nomad: section (NOMAD_* defaults) and power.wake_on_demand. */
class AgentNomadConfigTest {

    @TempDir
    Path dir;

    @Test
    void absentMeansNotConfiguredEvenWithNomadAddrSet() throws Exception {
        assertThat(load("port: 1\n", Map.of("NOMAD_ADDR", "http://10.0.0.1:4646")).nomad()).isEmpty();
    }

    @Test
    void unsetKeysComeFromTheNomadEnvironmentAndSetKeysWin() throws Exception {
        AgentConfig.Nomad fromEnv = load("nomad: {}\n", Map.of("NOMAD_ADDR", "https://nomad.lan:4646", "NOMAD_TOKEN", "s3cret",
                "NOMAD_NAMESPACE", "llm", "NOMAD_REGION", "home")).nomad().orElseThrow();
        assertThat(fromEnv.settings().address().toString()).isEqualTo("https://nomad.lan:4646");
        assertThat(fromEnv.settings().token()).contains("s3cret");
        assertThat(fromEnv.settings().namespace()).contains("llm");
        assertThat(fromEnv.settings().region()).contains("home");
        assertThat(fromEnv.nodeName()).isNotBlank();

        AgentConfig.Nomad set = load("""
                nomad:
                  address: http://127.0.0.1:4646
                  token: t2
                  ca_cert: tls/ca.pem
                  client_cert: tls/cli.pem
                  client_key: tls/cli-key.pem
                  node: gpu1
                """, Map.of("NOMAD_ADDR", "https://nomad.lan:4646", "NOMAD_TOKEN", "s3cret")).nomad().orElseThrow();
        assertThat(set.settings().address().toString()).isEqualTo("http://127.0.0.1:4646");
        assertThat(set.settings().token()).contains("t2");
        assertThat(set.settings().caCert()).contains(dir.resolve("tls/ca.pem"));
        assertThat(set.settings().clientKey()).contains(dir.resolve("tls/cli-key.pem"));
        assertThat(set.nodeName()).isEqualTo("gpu1");
        assertThat(load("nomad: {}\n", Map.of()).nomad().orElseThrow().settings().address().toString())
                .isEqualTo("http://127.0.0.1:4646");
    }

    @Test
    void mistakesNameTheFileAndLine() {
        refused("nomad:\n  adress: http://x:4646\n", ":2:3", "unknown setting 'nomad.adress'");
        refused("port: 1\nnomad:\n  address: nomad.lan:4646\n", ":3:", "must start with http:// or https://");
        refused("nomad:\n  client_cert: a.pem\n", "agent.yml", "go together");
    }

    @Test
    void wakeOnDemandIsOffByDefaultAndReadWhenGiven() throws Exception {
        String nodes = "power:\n  self: a\n  nodes:\n    - {name: a, address: 10.0.0.1, mac: \"52:54:00:00:00:0a\"}\n";
        PowerConfig.WakeOnDemand off = load(nodes, Map.of()).power().orElseThrow().wakeOnDemand();
        assertThat(off).isEqualTo(new PowerConfig.WakeOnDemand(false, Duration.ofSeconds(10)));
        PowerConfig.WakeOnDemand on = load(nodes + "  wake_on_demand: {enabled: true, check_interval: 3s}\nnomad: {}\n", Map.of())
                .power().orElseThrow().wakeOnDemand();
        assertThat(on).isEqualTo(new PowerConfig.WakeOnDemand(true, Duration.ofSeconds(3)));
        refused(nodes + "  wake_on_demand: {enable: true}\n", ":5:", "unknown setting 'power.wake_on_demand.enable'");
    }

    @Test
    void wakeOnDemandWithoutNomadIsRefused() {
        refused("power:\n  self: a\n  nodes:\n    - {name: a, address: 127.0.0.1, mac: \"52:54:00:00:00:0a\"}\n"
                + "  wake_on_demand: {enabled: true}\n", "agent.yml:5:", "there is no nomad: section to watch");
    }

    private void refused(String yaml, String where, String message) {
        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).describe()).contains(where).contains(message));
    }

    private AgentConfig load(String yaml, Map<String, String> environment) throws Exception {
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, environment);
    }
}
