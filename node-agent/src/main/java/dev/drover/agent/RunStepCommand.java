package dev.drover.agent;

import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.UserError;
import dev.drover.agent.workflow.DispatchedStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drover-agent run-step PAYLOAD}: the task of jobs/drover-step.nomad.j2. Runs one workflow
 * step that another node's agent dispatched through Nomad ({@code runs_on: nomad}) with this
 * node's config, and prints its result as JSON for that agent.
 */
@Command(name = "run-step", mixinStandardHelpOptions = true,
        description = {"Runs one workflow step sent through Nomad by another node's agent (runs_on: nomad) and prints its result as JSON.",
                "Nomad runs this (jobs/drover-step.nomad.j2); people need not. Exit 0 the step succeeded, 1 it failed, 2 it could not run here."})
final class RunStepCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "this node's agent config (for its check files)")
    Path config;

    @Parameters(paramLabel = "PAYLOAD", description = "the dispatch's payload file")
    Path payload;

    @Override
    public Integer call() throws IOException {
        AgentConfig settings;
        try {
            settings = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        } catch (UserError e) {
            System.err.println("drover-agent run-step: " + e.describe());
            return 2;
        }
        return DispatchedStep.run(payload, settings, Agent.hostName(), System.out);
    }
}
