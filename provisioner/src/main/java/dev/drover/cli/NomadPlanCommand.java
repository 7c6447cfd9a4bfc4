package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.PlanReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad plan}: the scheduler's dry run and the job diff, with nomad job plan's exit codes. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Show what running the job would change.",
        footer = {"", "Exit codes: 0 no changes, 1 changes (or allocations would be created/destroyed), 255 error."})
final class NomadPlanCommand implements Callable<Integer> {

    static final int NO_CHANGES = 0;
    static final int CHANGES = 1;
    static final int ERROR = 255;

    @ParentCommand
    NomadCommand nomad;

    @Mixin
    NomadJobOptions job;

    @Override
    public Integer call() {
        try {
            NomadClient client = nomad.client();
            JsonNode plan = client.plan(job.load(client));
            System.out.print(PlanReport.render(plan, job.file.toString()));
            return PlanReport.changes(plan) ? CHANGES : NO_CHANGES;
        } catch (UserError e) {
            System.err.println("ERROR! " + e.describe());
            return ERROR;
        }
    }
}
