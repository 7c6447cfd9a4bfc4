package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Consul and Nomad configs the consul and nomad roles render, for a server and a client of
 * a three-controller cluster, are HCL that hcl4j reads, with the settings the roles promise
 * (server or client, bootstrap_expect, joins on the cluster addresses, TLS, ACLs, gossip key,
 * tokens, the models host volume, meta.node_type, both drivers). No lab needed.
 */
class ClusterConfigHclTest {

    private static final List<String> CONTROLLERS = List.of("node1", "node2", "node3");
    private static final String GOSSIP_KEY = "cg8StVXbQJ0gPvMd9o7yrg/U0TU1xSS8Eaf5rn04gX8=";

    private final RoleTemplates consul = RoleTemplates.of("consul");
    private final RoleTemplates nomad = RoleTemplates.of("nomad");

    @Test
    void aConsulServerJoinsTheOtherServersWithTlsAndDefaultDenyAcls() {
        Map<String, Object> config = RoleTemplates.parseHcl(consul.render("consul.hcl.j2", host("node2")));

        assertThat(config).containsEntry("server", true).containsEntry("node_name", "node2")
                .containsEntry("datacenter", "dc1").containsEntry("bind_addr", "10.1.0.12")
                .containsEntry("advertise_addr", "10.1.0.12").containsEntry("client_addr", "127.0.0.1 10.1.0.12");
        assertThat(((Number) config.get("bootstrap_expect")).intValue()).isEqualTo(3);
        assertThat(config.get("retry_join")).asList().containsExactly("10.1.0.11", "10.1.0.12", "10.1.0.13");
        assertThat(((Number) map(config, "ports").get("http")).intValue()).isEqualTo(8500);
        assertThat(map(config, "ui_config")).containsEntry("enabled", true);
        assertThat(map(map(config, "tls"), "defaults")).containsEntry("ca_file", "/etc/consul.d/tls/ca.pem")
                .containsEntry("cert_file", "/etc/consul.d/tls/consul.pem").containsEntry("verify_outgoing", true);
        assertThat(map(map(config, "tls"), "internal_rpc")).containsEntry("verify_incoming", true)
                .containsEntry("verify_server_hostname", true);
        assertThat(map(config, "acl")).containsEntry("enabled", true).containsEntry("default_policy", "deny");
        assertThat(config).doesNotContainKey("encrypt");
    }

    @Test
    void aConsulClientIsNoServerAndHasNoBootstrapExpect() {
        Map<String, Object> config = RoleTemplates.parseHcl(consul.render("consul.hcl.j2", host("worker1")));

        assertThat(config).containsEntry("server", false).doesNotContainKey("bootstrap_expect");
        assertThat(map(config, "ui_config")).containsEntry("enabled", false);
        assertThat(config.get("retry_join")).asList().containsExactly("10.1.0.11", "10.1.0.12", "10.1.0.13");
    }

    @Test
    void consulSecretsHoldTheGossipKeyAndTheAgentTokenOnceKnown() {
        Map<String, Object> vars = host("worker1");
        assertThat(RoleTemplates.parseHcl(consul.render("secrets.hcl.j2", vars)))
                .containsOnlyKeys("encrypt").containsEntry("encrypt", GOSSIP_KEY);

        vars.put("consul_agent_token", "0b6c3f0e-6a55-4a8e-9d4c-7e3f5b0c2d11");
        Map<String, Object> secrets = RoleTemplates.parseHcl(consul.render("secrets.hcl.j2", vars));
        assertThat(map(map(secrets, "acl"), "tokens")).containsEntry("agent", "0b6c3f0e-6a55-4a8e-9d4c-7e3f5b0c2d11");
    }

    @Test
    void consulExtraConfigIsAppendedAsHcl() {
        Map<String, Object> vars = host("node1");
        vars.put("consul_extra_config", "telemetry {\n  prometheus_retention_time = \"60s\"\n}");
        assertThat(map(RoleTemplates.parseHcl(consul.render("consul.hcl.j2", vars)), "telemetry"))
                .containsEntry("prometheus_retention_time", "60s");
    }

    @Test
    void aNomadServerThatIsAlsoAWorkerRunsBothWithTheModelsVolumeAndBothDrivers() {
        Map<String, Object> config = RoleTemplates.parseHcl(nomad.render("nomad.hcl.j2", host("node1")));

        assertThat(config).containsEntry("name", "node1").containsEntry("region", "global")
                .containsEntry("datacenter", "dc1").containsEntry("bind_addr", "10.1.0.11");
        assertThat(map(config, "advertise")).containsEntry("http", "10.1.0.11").containsEntry("rpc", "10.1.0.11");
        Map<String, Object> server = map(config, "server");
        assertThat(server).containsEntry("enabled", true);
        assertThat(((Number) server.get("bootstrap_expect")).intValue()).isEqualTo(3);
        assertThat(map(server, "server_join").get("retry_join")).asList()
                .containsExactly("10.1.0.11:4648", "10.1.0.12:4648", "10.1.0.13:4648");
        Map<String, Object> client = map(config, "client");
        assertThat(client).containsEntry("enabled", true);
        assertThat(map(client, "server_join").get("retry_join")).asList()
                .containsExactly("10.1.0.11:4647", "10.1.0.12:4647", "10.1.0.13:4647");
        assertThat(map(client, "meta")).containsEntry("node_type", "controller").containsEntry("node_tier", "core");
        assertThat(map(map(client, "host_volume"), "models")).containsEntry("path", "/var/lib/drover/models")
                .containsEntry("read_only", true);
        assertThat(map(map(map(config, "plugin"), "raw_exec"), "config")).containsEntry("enabled", true);
        assertThat(map(map(map(map(config, "plugin"), "docker"), "config"), "volumes")).containsEntry("enabled", true);
        assertThat(map(config, "consul")).containsEntry("address", "127.0.0.1:8500")
                .containsEntry("server_auto_join", true).containsEntry("client_auto_join", true);
        assertThat(map(config, "tls")).containsEntry("http", true).containsEntry("rpc", true)
                .containsEntry("verify_server_hostname", true).containsEntry("ca_file", "/etc/nomad.d/tls/ca.pem");
        assertThat(map(config, "acl")).containsEntry("enabled", true);
    }

    @Test
    void aNomadWorkerIsAClientOnlyOfItsTier() {
        Map<String, Object> config = RoleTemplates.parseHcl(nomad.render("nomad.hcl.j2", host("worker1")));

        assertThat(map(config, "server")).containsOnlyKeys("enabled").containsEntry("enabled", false);
        assertThat(map(map(config, "client"), "meta")).containsEntry("node_type", "worker").containsEntry("node_tier", "edge");
    }

    @Test
    void nomadSecretsHoldTheGossipKeyOnServersAndTheConsulToken() {
        Map<String, Object> server = host("node1");
        server.put("nomad_consul_token", "5f1d2c3b-0000-4000-8000-000000000001");
        Map<String, Object> secrets = RoleTemplates.parseHcl(nomad.render("secrets.hcl.j2", server));
        assertThat(map(secrets, "server")).containsEntry("encrypt", GOSSIP_KEY);
        assertThat(map(secrets, "consul")).containsEntry("token", "5f1d2c3b-0000-4000-8000-000000000001");

        Map<String, Object> worker = host("worker1");
        worker.put("nomad_consul_token", "5f1d2c3b-0000-4000-8000-000000000001");
        assertThat(RoleTemplates.parseHcl(nomad.render("secrets.hcl.j2", worker))).containsOnlyKeys("consul");
    }

    @Test
    void theAclPoliciesTheRolesCreateAreHcl() {
        Map<String, Object> agent = RoleTemplates.parseHcl(String.valueOf(consul.evaluate("consul_agent_policy", host("node1"))));
        assertThat(map(map(agent, "node_prefix"), "")).containsEntry("policy", "write");
        assertThat(map(map(agent, "service_prefix"), "")).containsEntry("policy", "read");

        Map<String, Object> forNomad = RoleTemplates.parseHcl(String.valueOf(nomad.evaluate("nomad_consul_policy", host("node1"))));
        assertThat(map(map(forNomad, "service_prefix"), "")).containsEntry("policy", "write");
        assertThat(forNomad).containsKeys("agent_prefix", "node_prefix", "key_prefix");
    }

    @Test
    void theUnitsStartTheLinkedBinariesWithTheConfigDirectories() {
        assertThat(consul.render("consul.service.j2", host("node1")))
                .contains("Type=notify", "User=consul", "ExecStart=/usr/local/bin/consul agent -config-dir=/etc/consul.d/",
                        "ConditionFileNotEmpty=/etc/consul.d/consul.hcl");
        assertThat(nomad.render("nomad.service.j2", host("node1")))
                .contains("ExecStart=/usr/local/bin/nomad agent -config /etc/nomad.d", "KillSignal=SIGINT");
    }

    @Test
    void theReleaseArchivesAreNamedAsHashicorpNamesThem() {
        Map<String, Object> vars = host("node1");
        vars.put("ansible_architecture", "aarch64");
        assertThat(consul.evaluate("consul_archive", vars)).isEqualTo("consul_1.20.1_linux_arm64.zip");
        assertThat(consul.evaluate("consul_url_base", vars)).isEqualTo("https://releases.hashicorp.com/consul/1.20.1");
        assertThat(nomad.evaluate("nomad_archive", host("node1"))).isEqualTo("nomad_1.9.3_linux_amd64.zip");
    }

    /** A host of the example cluster: node1..3 are controllers (and workers), worker1 a worker. */
    private static Map<String, Object> host(String name) {
        Map<String, Object> hostvars = new LinkedHashMap<>();
        Map<String, String> addresses = Map.of("node1", "10.1.0.11", "node2", "10.1.0.12", "node3", "10.1.0.13",
                "worker1", "10.1.0.21");
        addresses.forEach((host, address) -> hostvars.put(host, Map.of("cluster_address", address)));
        Map<String, Object> vars = new HashMap<>();
        vars.put("inventory_hostname", name);
        vars.put("hostvars", hostvars);
        vars.put("groups", Map.of("all", List.of("node1", "node2", "node3", "worker1"),
                "controller_nodes", CONTROLLERS, "worker_nodes", List.of("node1", "node2", "node3", "worker1")));
        vars.put("cluster_address", addresses.get(name));
        vars.put("node_tier", name.startsWith("node") ? "core" : "edge");
        vars.put("consul_version", "1.20.1");
        vars.put("nomad_version", "1.9.3");
        vars.put("consul_gossip_key", GOSSIP_KEY);
        vars.put("nomad_gossip_key", GOSSIP_KEY);
        vars.put("ansible_architecture", "x86_64");
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key + " in " + parent).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }
}
