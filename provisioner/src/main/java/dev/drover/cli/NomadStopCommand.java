package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad stop JOB}: deregister a job, its allocations stop. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a job (and with --purge, forget it).")
final class NomadStopCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;

    @Option(names = "--purge", description = "Remove the job from Nomad entirely, not only stop it.")
    boolean purge;

    @Override
    public Integer call() {
        // reading first gives "job not found" for a typo, instead of a stop that does nothing
        nomad.client().job(jobId);
        JsonNode reply = nomad.client().stop(jobId, purge);
        System.out.println("==> Job \"" + jobId + "\" " + (purge ? "stopped and purged" : "stopped")
                + "; evaluation \"" + NomadStatusCommand.shortId(reply.path("EvalID").asText()) + "\"");
        return 0;
    }
}
