package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which sleeping nodes a blocked job could use, as a table: the job's constraint against the node Nomad knew. */
class PowerBlockedJobMatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A node as GET /v1/node/:id shows it (the fields the matching reads). */
    private static final String GPU_NODE = """
            {"ID": "n1", "Name": "gpu1", "Datacenter": "home", "NodeClass": "gpu", "NodePool": "default",
             "Meta": {"node_type": "gpu", "gpus": "a4000,a2000"}, "Attributes": {"kernel.name": "linux", "cpu.arch": "amd64"}}""";

    @ParameterizedTest(name = "{0} {1} {2} (datacenters {3}) -> {4}")
    @CsvSource(delimiter = '|', value = {
            // LTarget            | Operand          | RTarget     | datacenters | matches
            "${meta.node_type}    | =                | gpu         | home        | true",
            "${meta.node_type}    | =                | cpu         | home        | false",
            "${meta.node_type}    | !=               | cpu         | home        | true",
            "${node.class}        | =                | gpu         | home        | true",
            "${node.class}        | =                | storage     | home        | false",
            "${node.datacenter}   | =                | home        | home        | true",
            "${meta.node_type}    | =                | gpu         | dc1         | false",
            "${meta.node_type}    | =                | gpu         | h*          | true",
            "${meta.rack}         | is_set           |             | home        | false",
            "${meta.rack}         | is_not_set       |             | home        | true",
            "${attr.cpu.arch}     | regexp           | ^amd        | home        | true",
            "${meta.gpus}         | set_contains     | a4000       | home        | true",
            "${meta.gpus}         | set_contains_any | h100,a2000  | home        | true",
            "${meta.gpus}         | set_contains     | h100        | home        | false",
            "${node.unique.name}  | =                | gpu2        | home        | false",
            // what the agent cannot judge from the node record counts as satisfied: better one wake too many
            "${attr.nvidia.driver} | version         | >= 550      | home        | true",
            "${device.model}      | =                | A4000       | home        | true",
    })
    void oneConstraint(String lTarget, String operand, String rTarget, String datacenters, boolean matches) throws Exception {
        JsonNode job = JSON.readTree("""
                {"ID": "llm", "Datacenters": ["%s"], "TaskGroups": [{"Name": "expert",
                 "Constraints": [{"LTarget": "%s", "Operand": "%s", "RTarget": "%s"}]}]}"""
                .formatted(datacenters, lTarget, operand, rTarget == null ? "" : rTarget));
        Optional<String> mismatch = BlockedJobMatch.mismatch(job, Set.of("expert"), JSON.readTree(GPU_NODE));
        assertThat(mismatch.isEmpty()).as(mismatch.orElse("matches")).isEqualTo(matches);
    }

    @org.junit.jupiter.api.Test
    void onlyTheFailedGroupsAndTheirTasksCountAndTheReasonSaysWhy() throws Exception {
        JsonNode job = JSON.readTree("""
                {"ID": "llm", "Datacenters": ["home"], "TaskGroups": [
                  {"Name": "expert", "Tasks": [{"Name": "server", "Constraints": [{"LTarget": "${meta.node_type}", "RTarget": "gpu", "Operand": "="}]}]},
                  {"Name": "router", "Constraints": [{"LTarget": "${meta.node_type}", "RTarget": "cpu", "Operand": "="}]}]}""");
        JsonNode node = JSON.readTree(GPU_NODE);
        assertThat(BlockedJobMatch.mismatch(job, Set.of("expert"), node)).isEmpty();
        assertThat(BlockedJobMatch.mismatch(job, Set.of("router"), node))
                .contains("constraint ${meta.node_type} = cpu: the node has gpu");
        assertThat(BlockedJobMatch.mismatch(job, Set.of(), node)).isPresent();
    }
}
