package dev.drover.agent.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drover.nomad.NomadClient;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One step attempt as a dispatch of a parameterized Nomad batch job: the payload goes to
 * whatever node Nomad picks, and the attempt ends when that dispatch's allocation does. Shared
 * by {@code runs_on: nomad} on shell steps (the payload is the command, jobs/drover-shell.nomad.j2)
 * and on the other step types (the payload is the step, run by the node's own drover-agent,
 * jobs/drover-step.nomad.j2).
 *
 * <p>Exactly once across restarts: a token is stored before the dispatch and sent along as
 * meta, and the dispatched job's id after it, so an agent that resumes the step after a crash
 * waits for that same dispatch instead of dispatching again. A timeout or cancel leaves the
 * dispatched job running on the cluster (the agent's own shutdown interrupts steps the same
 * way, and the work must survive that); a retry after a timeout waits for it again.
 */
final class NomadDispatch {

    /** Stored before the dispatch and sent as meta, so a dispatch whose id was never stored is still found. */
    private static final String TOKEN = "dispatch_token";
    private static final String JOB_ID = "dispatched_job";
    private static final Set<String> FINISHED = Set.of("complete", "failed", "lost");
    private static final Duration POLL = Duration.ofMillis(500);

    private final Optional<NomadClient> nomad;

    NomadDispatch(Optional<NomadClient> nomad) {
        this.nomad = nomad;
    }

    /** How a dispatched task ended: its exit code and output, and where it ran. */
    record Ended(String job, String node, String allocation, int rc, String stdout, String stderr) {

        /** Where it ran, as the step's {@code nomad} output. */
        Map<String, Object> placement() {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("node", node);
            where.put("allocation", allocation);
            where.put("job", job);
            return where;
        }
    }

    /** Dispatches {@code payload} to {@code job} once for this step (and item), and waits until its task ends. */
    Ended run(StepCall call, String job, byte[] payload) throws InterruptedException {
        NomadClient client = nomad.orElseThrow(() -> new IllegalStateException(
                "runs_on: nomad needs Nomad: give the agent a nomad: section (docs/agent.md)"));
        String dispatched = dispatchOnce(client, call, job, payload);
        JsonNode allocation = finishedAllocation(client, dispatched);
        String task = onlyTask(allocation);
        String id = allocation.path("ID").asText();
        Ended ended = new Ended(dispatched, allocation.path("NodeName").asText(), id, exitCode(allocation, task),
                client.logs(id, task, false), client.logs(id, task, true));
        // Ended: a retry of this step dispatches anew.
        call.remember(TOKEN, "");
        call.remember(JOB_ID, "");
        return ended;
    }

    /**
     * The dispatch this step waits for: the one it made before the agent restarted, found by
     * the id it stored or, when the agent died between dispatching and storing the id, by the
     * token it stored first and sent along as meta; else a new dispatch.
     */
    private static String dispatchOnce(NomadClient client, StepCall call, String job, byte[] payload) {
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
        JsonNode answer = client.dispatch(job, meta, payload);
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
