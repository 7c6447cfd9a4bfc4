package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.agent.cluster.NomadSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Nomad workload signal as a table: which allocations on a node keep it awake. */
class PowerNomadSignalTest {

    @ParameterizedTest(name = "{0} job, desired {1}, client {2} -> {3}")
    @CsvSource({
            // job type, desired, client status, busy?
            "service, run,   running,  true",
            "batch,   run,   running,  true",
            "service, run,   pending,  true",
            "service, stop,  running,  false",
            "service, run,   complete, false",
            "batch,   run,   failed,   false",
            "system,  run,   running,  false",
            "sysbatch, run,  running,  false",
    })
    void oneAllocation(String type, String desired, String client, boolean busy) {
        NomadSnapshot snapshot = new NomadSnapshot(true, true, null, null,
                List.of(new NomadSnapshot.AllocationInfo("id1", "web.app[0]", "web", type, "app", desired, client, List.of())), List.of());
        Optional<String> reason = NomadAllocations.busy(snapshot);
        assertThat(reason.isPresent()).isEqualTo(busy);
        if (busy) {
            assertThat(reason.get()).isEqualTo("1 Nomad allocation running: web.app[0]");
        }
    }

    @org.junit.jupiter.api.Test
    void noAllocationsIsIdleNotConfiguredIsSilentAndAnUnreadableNomadIsBusy() {
        assertThat(NomadAllocations.busy(new NomadSnapshot(true, true, null, null, List.of(), List.of()))).isEmpty();
        assertThat(NomadAllocations.busy(NomadSnapshot.notConfigured())).isEmpty();
        assertThat(NomadAllocations.busy(NomadSnapshot.unavailable("cannot reach Nomad at http://10.0.0.1:4646")))
                .contains("cannot read Nomad's allocations: cannot reach Nomad at http://10.0.0.1:4646");
        NomadSnapshot two = new NomadSnapshot(true, true, null, null, List.of(
                new NomadSnapshot.AllocationInfo("1", "web.app[0]", "web", "service", "app", "run", "running", List.of()),
                new NomadSnapshot.AllocationInfo("2", "logs.agent[0]", "logs", "system", "agent", "run", "running", List.of()),
                new NomadSnapshot.AllocationInfo("3", "rpc.worker[0]", "rpc", "service", "worker", "run", "running", List.of())),
                List.of());
        assertThat(NomadAllocations.busy(two)).contains("2 Nomad allocations running: web.app[0], rpc.worker[0]");
    }
}
