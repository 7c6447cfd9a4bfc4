package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Follows what a registration set off, with blocking queries: the evaluation until the
 * scheduler is done with it, then the deployment until it is successful or failed, or, for
 * jobs without deployments, the allocations until they run or fail. Every failure is
 * explained: placement failures from the evaluation, task events of each bad allocation.
 */
public final class RunMonitor {

    /** How a run ended. */
    public enum Outcome { OK, FAILED }

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final NomadClient client;
    private final PrintStream out;
    private final Duration timeout;

    public RunMonitor(NomadClient client, PrintStream out, Duration timeout) {
        this.client = client;
        this.out = out;
        this.timeout = timeout;
    }

    public Outcome follow(String evalId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode eval = evaluationDone(evalId, deadline);
        String status = eval.path("Status").asText();
        JsonNode failed = eval.path("FailedTGAllocs");
        String shortEval = TaskEventReport.shortId(evalId);
        if (failed.isObject() && !failed.isEmpty()) {
            out.println("==> Evaluation \"" + shortEval + "\" finished with status \"" + status
                    + "\" but failed to place all allocations:");
            for (Iterator<Map.Entry<String, JsonNode>> it = failed.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> group = it.next();
                out.print(PlacementReport.describe(group.getKey(), group.getValue(), "    "));
            }
            if (!eval.path("BlockedEval").asText("").isEmpty()) {
                out.println("    Evaluation \"" + TaskEventReport.shortId(eval.path("BlockedEval").asText())
                        + "\" waiting for additional capacity to place remainder");
            }
            return Outcome.FAILED;
        }
        out.println("==> Evaluation \"" + shortEval + "\" finished with status \"" + status + "\"");
        if (!status.equals("complete")) {
            out.println("    " + eval.path("StatusDescription").asText("the scheduler gave no reason"));
            return Outcome.FAILED;
        }
        String deploymentId = eval.path("DeploymentID").asText("");
        if (deploymentId.isEmpty()) {
            return allocationsSettled(evalId, deadline);
        }
        return deployment(deploymentId, deadline);
    }

    private JsonNode evaluationDone(String evalId, long deadline) {
        long index = 0;
        while (true) {
            Indexed read = client.evaluation(evalId, index, WAIT);
            String status = read.body().path("Status").asText();
            if (!status.equals("pending")) {
                return read.body();
            }
            index = checkTime(read.index(), deadline, "evaluation " + evalId);
        }
    }

    private Outcome deployment(String deploymentId, long deadline) {
        out.println("==> Monitoring deployment \"" + TaskEventReport.shortId(deploymentId) + "\"");
        long index = 0;
        String lastProgress = "";
        while (true) {
            Indexed read = client.deployment(deploymentId, index, WAIT);
            JsonNode deployment = read.body();
            String progress = progress(deployment);
            if (!progress.equals(lastProgress)) {
                out.print(progress);
                lastProgress = progress;
            }
            String status = deployment.path("Status").asText();
            if (status.equals("successful")) {
                out.println("    Deployment \"" + TaskEventReport.shortId(deploymentId) + "\" successful");
                return Outcome.OK;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                out.println("    Deployment \"" + TaskEventReport.shortId(deploymentId) + "\" " + status + ": "
                        + deployment.path("StatusDescription").asText());
                explainAllocations(deployment.path("JobID").asText(), deploymentId);
                return Outcome.FAILED;
            }
            index = checkTime(read.index(), deadline, "deployment " + deploymentId);
        }
    }

    /** Jobs without a deployment (batch, system...): done when no allocation is pending. */
    private Outcome allocationsSettled(String evalId, long deadline) {
        while (true) {
            JsonNode allocations = client.evaluationAllocations(evalId);
            boolean pending = false;
            boolean failed = false;
            for (JsonNode alloc : allocations) {
                String status = alloc.path("ClientStatus").asText();
                pending |= status.equals("pending");
                failed |= status.equals("failed") || status.equals("lost");
            }
            if (!pending) {
                for (JsonNode alloc : allocations) {
                    out.println("    Allocation \"" + TaskEventReport.shortId(alloc.path("ID").asText()) + "\" on "
                            + alloc.path("NodeName").asText() + ": " + alloc.path("ClientStatus").asText());
                }
                if (failed) {
                    for (JsonNode alloc : allocations) {
                        if (!alloc.path("ClientStatus").asText().matches("running|complete")) {
                            out.print(TaskEventReport.describe(client.allocation(alloc.path("ID").asText(), 0, WAIT).body(), "    "));
                        }
                    }
                    return Outcome.FAILED;
                }
                return Outcome.OK;
            }
            String waitingFor = null;
            for (JsonNode alloc : allocations) {
                if (alloc.path("ClientStatus").asText().equals("pending")) {
                    waitingFor = alloc.path("ID").asText();
                }
            }
            Indexed seen = client.allocation(waitingFor, 0, WAIT);
            client.allocation(waitingFor, checkTime(seen.index(), deadline, "allocations of evaluation " + evalId), WAIT);
        }
    }

    private void explainAllocations(String jobId, String deploymentId) {
        for (JsonNode stub : client.jobAllocations(jobId)) {
            if (!stub.path("DeploymentID").asText().equals(deploymentId)) {
                continue;
            }
            boolean unhealthy = stub.path("DeploymentStatus").path("Healthy").isBoolean()
                    && !stub.path("DeploymentStatus").path("Healthy").asBoolean();
            if (unhealthy || stub.path("ClientStatus").asText().matches("failed|lost")) {
                out.print(TaskEventReport.describe(client.allocation(stub.path("ID").asText(), 0, WAIT).body(), "    "));
            }
        }
    }

    private static String progress(JsonNode deployment) {
        StringBuilder table = new StringBuilder(String.format("    %-20s %7s %6s %7s %9s%n", "Task Group", "Desired",
                "Placed", "Healthy", "Unhealthy"));
        for (Iterator<Map.Entry<String, JsonNode>> it = deployment.path("TaskGroups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            JsonNode state = group.getValue();
            table.append(String.format("    %-20s %7d %6d %7d %9d%n", group.getKey(), state.path("DesiredTotal").asInt(),
                    state.path("PlacedAllocs").asInt(), state.path("HealthyAllocs").asInt(),
                    state.path("UnhealthyAllocs").asInt()));
        }
        return table.toString();
    }

    private long checkTime(long index, long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new NomadError(0, "gave up waiting for " + what + " after " + timeout.toSeconds() + "s");
        }
        return index;
    }
}
