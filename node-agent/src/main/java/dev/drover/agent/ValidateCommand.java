package dev.drover.agent;

import dev.drover.UserError;
import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.workflow.Approvals;
import dev.drover.agent.workflow.WorkflowDefinition;
import dev.drover.agent.workflow.WorkflowEngine;
import dev.drover.agent.workflow.WorkflowParser;
import dev.drover.agent.workflow.Workflows;
import dev.drover.agent.workflow.llm.CircuitBreakers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code drover-agent validate FILE...}: workflow files checked as the agent loads them, with no
 * agent running — what the node_agent role's copy runs ({@code validate:}) before a file is put
 * in place, so that a file with a mistake never reaches the agent.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks workflow files as the agent would load them; no agent needs to run.",
                "Exit 0 every file is valid, 1 one is not (file:line:column and what to write instead printed)."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "workflow files")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        // The step types every agent has; what they would reach (Nomad, power) plays no part in a file's validity.
        WorkflowParser parser = new WorkflowParser(Workflows.builtinTypes(new Approvals(), new AtomicReference<WorkflowEngine>(),
                CheckFiles.load(ConfigLoader.defaults(), Agent.hostName()), Optional.empty(), Optional.empty(), "", new CircuitBreakers()));
        int code = 0;
        for (Path file : files) {
            try {
                WorkflowDefinition workflow = parser.load(file);
                System.out.println(file + ": valid, workflow " + workflow.name() + " with " + workflow.steps().size() + " steps");
            } catch (UserError e) {
                System.out.println(e.describe());
                code = 1;
            }
        }
        return code;
    }
}
