package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import dev.drover.nomad.NomadClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code drover nomad logs JOB}: a task's log from the job's newest allocation (a running one
 * if there is one), as {@code nomad alloc logs -job} does.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a task's log from the job's newest allocation.")
final class NomadLogsCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;

    @Option(names = "--task", paramLabel = "TASK", description = "The task (needed when the group has several).")
    String task;

    @Option(names = "--stderr", description = "Print standard error instead of standard output.")
    boolean stderr;

    @Override
    public Integer call() {
        NomadClient client = nomad.client();
        JsonNode newest = null;
        for (JsonNode alloc : client.jobAllocations(jobId)) {
            if (newest == null || better(alloc, newest)) {
                newest = alloc;
            }
        }
        if (newest == null) {
            throw new UserError("job " + jobId + " has no allocations");
        }
        JsonNode alloc = client.allocation(newest.path("ID").asText(), 0, Duration.ZERO).body();
        List<String> tasks = new ArrayList<>();
        alloc.path("TaskStates").fieldNames().forEachRemaining(tasks::add);
        String chosen = task;
        if (chosen == null) {
            if (tasks.size() != 1) {
                throw new UserError("allocation " + NomadStatusCommand.shortId(alloc.path("ID").asText()) + " has "
                        + tasks.size() + " tasks: " + String.join(", ", tasks), null, "name one with --task");
            }
            chosen = tasks.get(0);
        } else if (!tasks.contains(chosen)) {
            throw new UserError("no task " + chosen + " in allocation " + NomadStatusCommand.shortId(alloc.path("ID").asText())
                    + "; its tasks: " + String.join(", ", tasks));
        }
        System.out.print(client.logs(alloc.path("ID").asText(), chosen, stderr));
        return 0;
    }

    private static boolean better(JsonNode candidate, JsonNode current) {
        boolean candidateRuns = candidate.path("ClientStatus").asText().equals("running");
        boolean currentRuns = current.path("ClientStatus").asText().equals("running");
        if (candidateRuns != currentRuns) {
            return candidateRuns;
        }
        return candidate.path("CreateIndex").asLong() > current.path("CreateIndex").asLong();
    }
}
