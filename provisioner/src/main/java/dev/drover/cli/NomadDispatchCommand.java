package dev.drover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code drover nomad dispatch JOB}: start an instance of a parameterized job. */
@Command(name = "dispatch", mixinStandardHelpOptions = true, description = "Dispatch an instance of a parameterized job.")
final class NomadDispatchCommand implements Callable<Integer> {

    @ParentCommand
    NomadCommand nomad;

    @Parameters(index = "0", paramLabel = "JOB")
    String jobId;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "A meta value for the instance (repeatable).")
    List<String> meta = new ArrayList<>();

    @Option(names = "--payload", paramLabel = "FILE", description = "A file whose bytes become the payload ('-': standard input).")
    String payload;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = null;
        if (payload != null) {
            if (payload.equals("-")) {
                bytes = System.in.readAllBytes();
            } else if (!Files.isReadable(Path.of(payload))) {
                throw new UserError("--payload " + payload + ": cannot read the file");
            } else {
                bytes = Files.readAllBytes(Path.of(payload));
            }
        }
        JsonNode reply = nomad.client().dispatch(jobId, NomadJobOptions.keyValues(meta, "--meta"), bytes);
        System.out.println("Dispatched Job ID = " + reply.path("DispatchedJobID").asText());
        System.out.println("Evaluation ID     = " + NomadStatusCommand.shortId(reply.path("EvalID").asText()));
        return 0;
    }
}
