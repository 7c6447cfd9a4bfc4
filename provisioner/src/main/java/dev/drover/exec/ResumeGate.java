package dev.drover.exec;

import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Between the executor and the {@link RunRecord}: which hosts still have to run a task on
 * a resumed run, and noting each task a host finishes.
 *
 * <p>A host skips a task that the recorded run finished on it, without running it or
 * reporting it; what the task left behind comes back from the record instead: its
 * {@code register} result, the facts of a {@code set_fact}, and the handlers the host was
 * left notified for. "Finished" means the host went past the task: ok, changed, skipped,
 * failed with ignore_errors, or failed inside a block whose rescue took over. A failed or
 * unreachable host did not finish the task, so a resumed run starts there.
 */
final class ResumeGate {

    private final RunRecord record;
    private final boolean resuming;

    /** @param record null when nothing is recorded (check mode) */
    ResumeGate(RunRecord record, boolean resuming) {
        this.record = record;
        this.resuming = resuming;
    }

    /** The hosts of {@code hosts} that must run {@code task}; the others get its recorded effects back. */
    List<HostState> pending(Task task, List<HostState> hosts, Function<HostState, String> id) {
        if (!resuming || record == null) {
            return hosts;
        }
        List<HostState> pending = new ArrayList<>();
        for (HostState host : hosts) {
            RunRecord.Completion done = record.completed(host.name(), id.apply(host));
            if (done == null) {
                pending.add(host);
            } else {
                restore(task, host, done);
            }
        }
        return pending;
    }

    private static void restore(Task task, HostState host, RunRecord.Completion done) {
        Map<String, Object> result = done.result() == null ? Map.of() : done.result();
        if (task.register() != null) {
            host.hostVars.put(task.register(), new LinkedHashMap<>(result));
        }
        boolean gathered = task.action().equals("setup") || task.action().equals("gather_facts");
        if (result.get("ansible_facts") instanceof Map<?, ?> facts && task.run().delegateFacts() == null) {
            if (gathered) {
                host.learnFacts(facts);
            } else {
                facts.forEach((k, v) -> host.hostVars.put(String.valueOf(k), v));
            }
        }
        synchronized (host.notified) {
            host.notified.clear();
            host.notified.addAll(done.notified());
        }
    }

    /** Notes that {@code host} went past {@code task}, unless it failed or was unreachable there. */
    void finished(Task task, HostState host, String id, TaskOutcome outcome) {
        if (record == null || id == null || outcome == null) {
            return;
        }
        boolean wentPast = switch (outcome.status()) {
            case OK, CHANGED, SKIPPED, IGNORED -> true;
            case FAILED, RESCUED -> !host.isFailed() && !host.isUnreachable();
            default -> false;
        };
        if (!wentPast) {
            return;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        outcome.result().forEach((k, v) -> {
            if (!k.startsWith("_drover")) {
                result.put(k, v);
            }
        });
        List<String> notified;
        synchronized (host.notified) {
            notified = new ArrayList<>(host.notified);
        }
        record.complete(host.name(), id, task.displayName(), result, notified);
    }
}
