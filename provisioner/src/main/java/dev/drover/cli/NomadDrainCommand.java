package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import dev.drover.nomad.NomadClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drover nomad drain NODE on|off}: start draining a node (Nomad's default 1h deadline),
 * or stop the drain and make the node eligible for new work again.
 */
@Command(name = "drain", mixinStandardHelpOptions = true, description = "Drain a node (on) or end its drain (off).")
final class NomadDrainCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node's name, ID or ID prefix.")
    String node;

    @Parameters(index = "1", paramLabel = "on|off")
    String state;

    @Override
    public Integer call() {
        if (!state.equals("on") && !state.equals("off")) {
            throw new UserError("drain " + node + " " + state + ": expected on or off");
        }
        NomadClient client = nomad.client();
        String id = resolve(client.nodes());
        client.drain(id, state.equals("on"));
        System.out.println("Node \"" + NomadStatusCommand.shortId(id) + "\" drain strategy "
                + (state.equals("on") ? "set" : "unset; node is eligible again"));
        return 0;
    }

    private String resolve(JsonNode nodes) {
        List<String> matches = new ArrayList<>();
        for (JsonNode candidate : nodes) {
            String id = candidate.path("ID").asText();
            if (candidate.path("Name").asText().equals(node) || id.equals(node)) {
                return id;
            }
            if (id.startsWith(node)) {
                matches.add(id);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new UserError(matches.isEmpty() ? "no node named or with an ID starting " + node
                : "node ID prefix " + node + " is ambiguous: " + String.join(", ", matches));
    }
}
