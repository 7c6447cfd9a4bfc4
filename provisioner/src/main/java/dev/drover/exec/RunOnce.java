package dev.drover.exec;

import dev.drover.playbook.Task;
import dev.drover.report.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code run_once}: the task runs on the first host only, and its result counts for every
 * host, as in Ansible: the register variable and set_fact's facts reach all of them.
 * Handlers it notifies run on the first host only (Ansible 2.14 does the same). Only the
 * first host is reported. (A failure ends the play for every
 * host: see {@link FailurePolicy}.)
 */
final class RunOnce {

    private RunOnce() {
    }

    /**
     * @param runFirst runs the task on a host and returns how it ended
     * @param shared   told about each other host, with the outcome it now shares
     */
    static void run(Task task, List<HostState> hosts, Function<HostState, TaskOutcome> runFirst,
                    BiConsumer<HostState, TaskOutcome> shared) {
        TaskOutcome outcome = runFirst.apply(hosts.get(0));
        Map<String, Object> result = new LinkedHashMap<>();
        outcome.result().forEach((k, v) -> {
            if (!k.startsWith("_drover")) {
                result.put(k, v);
            }
        });
        boolean succeeded = outcome.status() != Status.FAILED && outcome.status() != Status.UNREACHABLE;
        for (HostState other : hosts.subList(1, hosts.size())) {
            if (task.register() != null) {
                other.hostVars.put(task.register(), result);
            }
            if (succeeded && outcome.status() != Status.SKIPPED && result.get("ansible_facts") instanceof Map<?, ?> facts
                    && task.run().delegateFacts() == null) {
                facts.forEach((k, v) -> other.hostVars.put(String.valueOf(k), v));
            }
            if (succeeded) {
                shared.accept(other, outcome);
            }
        }
    }
}
