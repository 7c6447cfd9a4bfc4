package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad nodes}: the client nodes with their drain and eligibility. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the client nodes.")
final class NomadNodesCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Override
    public Integer call() {
        JsonNode nodes = nomad.client().nodes();
        System.out.printf("%-8s  %-10s  %-20s  %-10s  %-5s  %-11s  %s%n", "ID", "DC", "Name", "Class", "Drain",
                "Eligibility", "Status");
        for (JsonNode node : nodes) {
            String nodeClass = node.path("NodeClass").asText("");
            System.out.printf("%-8s  %-10s  %-20s  %-10s  %-5s  %-11s  %s%n", NomadStatusCommand.shortId(node.path("ID").asText()),
                    node.path("Datacenter").asText(), node.path("Name").asText(), nodeClass.isEmpty() ? "<none>" : nodeClass,
                    node.path("Drain").asBoolean(), node.path("SchedulingEligibility").asText(), node.path("Status").asText());
        }
        return 0;
    }
}
