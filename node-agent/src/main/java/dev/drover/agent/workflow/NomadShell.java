package dev.drover.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shell step with {@code runs_on: nomad}: the command runs on whatever node of the cluster
 * Nomad picks, as the payload of a dispatch of a parameterized batch job (by default
 * {@code drover-shell}, jobs/drover-shell.nomad.j2), so that a workflow — a {@code for_each}
 * above all — fans work out across the cluster instead of this node.
 *
 * <p>Exactly once: the dispatched job's id is remembered before the step waits, so an agent
 * that resumes the step after a crash waits for that same dispatch instead of dispatching
 * again. The step ends when the dispatch's allocation does; its outputs are the task's exit
 * code, stdout and stderr (Nomad's logs API), the node and the allocation.
 */
final class NomadShell {

    static final String DEFAULT_JOB = "drover-shell";
    private static final Set<String> FINISHED = Set.of("complete", "failed", "lost");
    private static final Duration POLL = Duration.ofMillis(500);

    private final Optional<NomadClient> nomad;

    NomadShell(Optional<NomadClient> nomad) {
        this.nomad = nomad;
    }

    /** Runs the command; {@code okCodes} decides which exit codes fail the step, as for a local command. */
    StepResult run(StepCall call, String command, Set<Integer> okCodes) throws InterruptedException {
        NomadClient client = nomad.orElseThrow(() -> new IllegalStateException(
                "runs_on: nomad needs Nomad: give the agent a nomad: section (docs/agent.md)"));
        String job = String.valueOf(call.args().getOrDefault("nomad_job", DEFAULT_JOB));
        Optional<String> remembered = call.remembered("dispatched_job");
        String dispatched;
        if (remembered.isPresent()) {
            dispatched = remembered.get();
            call.log("waiting for " + dispatched + ", dispatched before the agent restarted");
        } else {
            Map<String, String> meta = Map.of("run_id", call.runId(), "step_id", call.stepId(), "item", String.valueOf(call.item()));
            JsonNode answer = client.dispatch(job, meta, command.getBytes(StandardCharsets.UTF_8));
            dispatched = answer.path("DispatchedJobID").asText();
            call.remember("dispatched_job", dispatched);
            call.log("dispatched " + job + " as " + dispatched);
        }
        JsonNode allocation;
        try {
            allocation = finishedAllocation(client, dispatched);
        } catch (InterruptedException e) {
            // A timeout or a cancel: the work on the cluster stops too.
            client.stop(dispatched, false);
            throw e;
        }
        String task = onlyTask(allocation);
        int rc = exitCode(allocation, task);
        String id = allocation.path("ID").asText();
        String out = client.logs(id, task, false);
        String err = client.logs(id, task, true);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("rc", rc);
        outputs.put("stdout", out.stripTrailing());
        outputs.put("stderr", err.stripTrailing());
        outputs.put("node", allocation.path("NodeName").asText());
        outputs.put("allocation", id);
        outputs.put("dispatched_job", dispatched);
        call.log("ran on " + outputs.get("node") + " (allocation " + id + "), exit " + rc
                + (out.isEmpty() && err.isEmpty() ? "" : "\n" + (out + err).stripTrailing()));
        if (!okCodes.contains(rc)) {
            return StepResult.failed("command exited with " + rc + " on " + outputs.get("node") + " (Nomad job " + dispatched + ")", outputs);
        }
        return StepResult.ok(outputs);
    }

    private static JsonNode finishedAllocation(NomadClient client, String job) throws InterruptedException {
        while (true) {
            for (JsonNode stub : client.jobAllocations(job)) {
                if (FINISHED.contains(stub.path("ClientStatus").asText())) {
                    return client.allocation(stub.path("ID").asText(), 0, Duration.ZERO).body();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String onlyTask(JsonNode allocation) {
        Iterator<String> names = allocation.path("TaskStates").fieldNames();
        if (!names.hasNext()) {
            throw new IllegalStateException("allocation " + allocation.path("ID").asText() + " has no task states");
        }
        return names.next();
    }

    /** The exit code of the task's last Terminated event; a task that never ran is a failure (-1). */
    private static int exitCode(JsonNode allocation, String task) {
        int rc = -1;
        for (JsonNode event : allocation.path("TaskStates").path(task).path("Events")) {
            if (event.path("Type").asText().equals("Terminated")) {
                rc = event.path("ExitCode").asInt();
            }
        }
        return rc;
    }
}
