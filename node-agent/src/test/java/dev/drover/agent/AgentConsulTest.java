package dev.drover.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.agent.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Registration with Consul, checked through Consul's own HTTP API: against the contract
 * double always, and against a real Consul agent too when CONSUL_HTTP_ADDR is set.
 */
class AgentConsulTest {

    static Stream<String> consuls() {
        List<String> targets = new ArrayList<>(List.of("double"));
        String real = System.getenv("CONSUL_HTTP_ADDR");
        if (real != null && !real.isBlank()) {
            targets.add(real.contains("://") ? real : "http://" + real);
        }
        return targets.stream();
    }

    @ParameterizedTest(name = "Consul: {0}")
    @MethodSource("consuls")
    void registersWithAnHttpCheckOnHealthzAndDeregistersOnShutdown(String target, @TempDir Path dir) throws Exception {
        ConsulAgentDouble fake = target.equals("double") ? new ConsulAgentDouble(0) : null;
        String address = fake != null ? fake.address() : target;
        try {
            Path config = AgentFixture.writeConfig(dir, "consul:\n  address: " + address
                    + "\n  service: drover-agent-test\n  tags: [drover, test]\n  check_interval: 2s\n");
            String serviceId;
            int port;
            try (AgentFixture fixture = AgentFixture.of(dir, Agent.start(ConfigLoader.load(config)))) {
                port = fixture.agent.port();
                AgentEventsTest.waitFor(() -> services(fixture, address).size() > 0
                        && containsService(services(fixture, address), "drover-agent-test"), Duration.ofSeconds(10));
                JsonNode service = serviceNamed(services(fixture, address), "drover-agent-test");
                serviceId = service.path("ID").asText();
                assertThat(serviceId).startsWith("drover-agent-test-");
                assertThat(service.path("Service").asText()).isEqualTo("drover-agent-test");
                assertThat(service.path("Port").asInt()).isEqualTo(port);
                assertThat(service.path("Tags")).extracting(JsonNode::asText).containsExactly("drover", "test");
                assertThat(service.path("Meta").path("hostname").asText()).isNotBlank();

                // Consul probes /healthz itself; an agent with no checks is healthy, so the check passes.
                AgentEventsTest.waitFor(() -> "passing".equals(get(fixture, address + "/v1/agent/checks")
                        .path("service:" + serviceId).path("Status").asText()), Duration.ofSeconds(15));
                JsonNode check = get(fixture, address + "/v1/agent/checks").path("service:" + serviceId);
                assertThat(check.path("ServiceID").asText()).isEqualTo(serviceId);
                assertThat(check.path("Type").asText()).isEqualTo("http");

                JsonNode panel = fixture.json(fixture.get("/api/v1/status")).path("panels").path("consul");
                assertThat(panel.path("available").asBoolean()).isTrue();
                assertThat(panel.path("registered").asBoolean()).isTrue();
                assertThat(panel.path("service_id").asText()).isEqualTo(serviceId);
            }
            HttpResponse<String> after = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(address + "/v1/agent/services")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(after.body()).has(serviceId))
                    .as("deregistered on shutdown").isFalse();
            if (fake != null) {
                assertThat(fake.calls).contains("PUT /v1/agent/service/register", "PUT /v1/agent/service/deregister/" + serviceId);
            }
        } finally {
            if (fake != null) {
                fake.close();
            }
        }
    }

    @Test
    void aDownConsulGreysItsPanelAndTheAgentRegistersWhenItComesBack(@TempDir Path dir) throws Exception {
        ConsulAgentDouble first = new ConsulAgentDouble(0);
        int consulPort = first.port();
        first.close(); // Consul is down: nothing listens on its port
        Path config = AgentFixture.writeConfig(dir, "consul:\n  address: http://127.0.0.1:" + consulPort + "\n  check_interval: 2s\n");
        try (AgentFixture fixture = AgentFixture.of(dir, Agent.start(ConfigLoader.load(config)))) {
            AgentEventsTest.waitFor(() -> !fixture.json(fixture.get("/api/v1/status")).path("panels").path("consul")
                    .path("error").asText().equals("not registered yet"), Duration.ofSeconds(10));
            JsonNode panel = fixture.json(fixture.get("/api/v1/status")).path("panels").path("consul");
            assertThat(panel.path("available").asBoolean()).isFalse();
            assertThat(panel.path("error").asText()).isNotBlank();
            assertThat(fixture.get("/healthz").statusCode()).as("still serving").isEqualTo(200);

            try (ConsulAgentDouble back = new ConsulAgentDouble(consulPort)) {
                AgentEventsTest.waitFor(() -> fixture.json(fixture.get("/api/v1/status")).path("panels").path("consul")
                        .path("registered").asBoolean(), Duration.ofSeconds(10));
                assertThat(back.calls).contains("PUT /v1/agent/service/register");
            }
        }
    }

    private static JsonNode services(AgentFixture fixture, String address) {
        return get(fixture, address + "/v1/agent/services");
    }

    private static boolean containsService(JsonNode services, String name) {
        return serviceNamed(services, name) != null;
    }

    private static JsonNode serviceNamed(JsonNode services, String name) {
        for (JsonNode service : services) {
            if (service.path("Service").asText().equals(name)) {
                return service;
            }
        }
        return null;
    }

    private static JsonNode get(AgentFixture fixture, String url) {
        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return fixture.json(response);
    }
}
