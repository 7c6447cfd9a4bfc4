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
import java.util.UUID;

/**
 * A shell step with {@code runs_on: nomad}: the command runs on whatever node of the cluster
 * Nomad picks, as the payload of a dispatch of a parameterized batch job (by default
 * {@code drover-shell}, jobs/drover-shell.nomad.j2), so that a workflow — a {@code for_each}
 * above all — fans work out across the cluster instead of this node.
 *
 * <p>Exactly once across restarts: a token is stored before the dispatch and sent along as
 * meta, and the dispatched job's id after it, so an agent that resumes the step after a crash
 * waits for that same dispatch instead of dispatching again. A timeout or cancel leaves the
 * dispatched job running on the cluster (the agent's own shutdown interrupts steps the same
 * way, and the work must survive that); a retry after a timeout waits for it again. The step
 * ends when the dispatch's allocation does; its outputs are the task's exit code, stdout and
 * stderr (Nomad's logs API), the node and the allocation.
 */
final class NomadShell {

    static final String DEFAULT_JOB = "drover-shell";
    /** Stored before the dispatch and sent as meta, so a dispatch whose id was never stored is still found. */
    private static final String TOKEN = "dispatch_token";
    private static final String JOB_ID = "dispatched_job";
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
        String dispatched = dispatchOnce(client, call, job, command);
        JsonNode allocation = finishedAllocation(client, dispatched);
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
        // Ended: a retry of this step dispatches anew.
        call.remember(TOKEN, "");
        call.remember(JOB_ID, "");
        if (!okCodes.contains(rc)) {
            return StepResult.failed("command exited with " + rc + " on " + outputs.get("node") + " (Nomad job " + dispatched + ")", outputs);
        }
        return StepResult.ok(outputs);
    }

    /**
     * The dispatch this step waits for: the one it made before the agent restarted, found by
     * the id it stored or, when the agent died between dispatching and storing the id, by the
     * token it stored first and sent along as meta; else a new dispatch.
     */
    private static String dispatchOnce(NomadClient client, StepCall call, String job, String command) {
        Optional<String> known = call.remembered(JOB_ID).filter(id -> !id.isEmpty());
        Optional<String> token = call.remembered(TOKEN).filter(t -> !t.isEmpty());
        if (known.isEmpty() && token.isPresent()) {
            known = dispatchedWith(client, job, token.get());
        }
        if (known.isPresent()) {
            call.log("waiting for " + known.get() + ", dispatched before the agent restarted");
            return known.get();
        }
        String newToken = UUID.randomUUID().toString();
        call.remember(TOKEN, newToken);
        Map<String, String> meta = Map.of("run_id", call.runId(), "step_id", call.stepId(),
                "item", String.valueOf(call.item()), TOKEN, newToken);
        JsonNode answer = client.dispatch(job, meta, command.getBytes(StandardCharsets.UTF_8));
        String dispatched = answer.path("DispatchedJobID").asText();
        call.remember(JOB_ID, dispatched);
        call.log("dispatched " + job + " as " + dispatched);
        return dispatched;
    }

    private static Optional<String> dispatchedWith(NomadClient client, String job, String token) {
        for (String id : client.jobs().findValuesAsText("ID")) {
            if (id.startsWith(job + "/dispatch-")) {
                JsonNode child = client.jobOrNull(id);
                if (child != null && token.equals(child.path("Meta").path(TOKEN).asText())) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
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
