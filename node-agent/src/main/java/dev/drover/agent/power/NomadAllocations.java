package dev.drover.agent.power;

import dev.drover.agent.cluster.NomadSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Nomad workload signal: a node with a live allocation (placed to run, pending or running)
 * of a job that is not a system job is busy. System and sysbatch jobs run on every node (log
 * shippers, node exporters), so they would keep every node awake forever; they do not count.
 * A Nomad that cannot be read counts as busy, as an unreadable load average does: the agent
 * never puts a node to sleep on a guess that it runs nothing.
 */
public final class NomadAllocations implements WorkloadSignal {

    private static final Set<String> EVERY_NODE_TYPES = Set.of("system", "sysbatch");

    private final Supplier<NomadSnapshot> snapshot;

    public NomadAllocations(Supplier<NomadSnapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public String name() {
        return "nomad";
    }

    @Override
    public Optional<String> busy() {
        return busy(snapshot.get());
    }

    static Optional<String> busy(NomadSnapshot nomad) {
        if (!nomad.configured()) {
            return Optional.empty();
        }
        if (!nomad.available()) {
            return Optional.of("cannot read Nomad's allocations: " + nomad.error());
        }
        List<String> live = nomad.allocations().stream()
                .filter(NomadSnapshot.AllocationInfo::live)
                .filter(a -> !EVERY_NODE_TYPES.contains(a.jobType()))
                .map(NomadSnapshot.AllocationInfo::name)
                .toList();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(live.size() + (live.size() == 1 ? " Nomad allocation" : " Nomad allocations") + " running: "
                + String.join(", ", live.stream().limit(3).toList()) + (live.size() > 3 ? ", ..." : ""));
    }
}
