package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as systemd runs it: its own process, stopped with SIGTERM, which must take it out
 * of Consul before it exits.
 */
class AgentProcessTest {


    @Test
    void sigtermDeregistersFromConsulAndStops(@TempDir Path dir) throws Exception {
        try (ConsulAgentDouble consul = new ConsulAgentDouble(0)) {
            Path config = AgentFixture.writeConfig(dir, "consul:\n  address: " + consul.address() + "\n  check_interval: 2s\n");
            Path log = dir.resolve("agent.log");
            Process agent = AgentProcesses.start(config, log);
            try {
                int port = AgentProcesses.waitForPort(log, agent);
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                AgentEventsTest.waitFor(() -> consulCalls(consul).contains("PUT /v1/agent/service/register"), Duration.ofSeconds(10));

                agent.destroy(); // SIGTERM, as `systemctl stop` sends
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
                assertThat(consulCalls(consul)).anyMatch(call -> call.startsWith("PUT /v1/agent/service/deregister/"));
                assertThat(Files.readString(log)).contains("stopping").contains("deregistered");
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    private static List<String> consulCalls(ConsulAgentDouble consul) {
        synchronized (consul) {
            return List.copyOf(consul.calls);
        }
    }
}
