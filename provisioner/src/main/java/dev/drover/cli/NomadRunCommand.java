package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import dev.drover.nomad.RunMonitor;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad run}: register the job, then follow and explain what Nomad does with it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Register a job, then follow its evaluation and deployment until healthy or failed.",
        footer = {"", "Exit codes: 0 registered and healthy, 1 error, 2 placement or deployment failed."})
final class NomadRunCommand implements Callable<Integer> {

    static final int FAILED = 2;

    @ParentCommand
    NomadCommand nomad;

    @Mixin
    NomadJobOptions job;

    @Option(names = "--check-index", paramLabel = "N",
            description = "Register only if the job's modify index is still N (0: only if the job does not exist).")
    Long checkIndex;

    @Option(names = "--detach", description = "Return once registered, without following the evaluation.")
    boolean detach;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "How long to follow the evaluation and deployment (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        NomadClient client = nomad.client();
        JsonNode spec = job.load(client);
        JsonNode registered = client.register(spec, checkIndex == null ? OptionalLong.empty() : OptionalLong.of(checkIndex));
        String evalId = registered.path("EvalID").asText("");
        String warnings = registered.path("Warnings").asText("");
        if (!warnings.isBlank()) {
            System.out.println("Job Warnings:\n" + warnings.strip() + "\n");
        }
        if (evalId.isEmpty()) {
            System.out.println("Job registration successful (no evaluation: the job is periodic or parameterized)");
            return 0;
        }
        if (detach) {
            System.out.println("Job registration successful");
            System.out.println("Evaluation ID: " + evalId);
            return 0;
        }
        System.out.println("==> Monitoring evaluation \"" + evalId.substring(0, Math.min(8, evalId.length())) + "\"");
        RunMonitor.Outcome outcome = new RunMonitor(client, System.out, Duration.ofSeconds(timeoutSeconds)).follow(evalId);
        return outcome == RunMonitor.Outcome.OK ? 0 : FAILED;
    }
}
