package dev.drover.cli;

import dev.drover.nomad.NomadClient;
import dev.drover.nomad.NomadSettings;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code drover nomad}: submit, plan, watch and explain Nomad jobs. Reaches Nomad as the nomad
 * CLI does, from NOMAD_ADDR, NOMAD_TOKEN, NOMAD_NAMESPACE, NOMAD_REGION and the TLS variables.
 */
@Command(name = "nomad", mixinStandardHelpOptions = true,
        description = "Plan, run, watch and explain Nomad jobs (reads NOMAD_ADDR, NOMAD_TOKEN, ... as the nomad CLI does).",
        subcommands = {NomadPlanCommand.class, NomadRunCommand.class, NomadStatusCommand.class, NomadStopCommand.class,
                NomadDispatchCommand.class, NomadLogsCommand.class, NomadNodesCommand.class, NomadDrainCommand.class})
final class NomadCommand implements Runnable {

    private final Map<String, String> environment;

    @Spec
    CommandSpec spec;

    NomadCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    NomadClient client() {
        return new NomadClient(NomadSettings.fromEnvironment(environment));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
