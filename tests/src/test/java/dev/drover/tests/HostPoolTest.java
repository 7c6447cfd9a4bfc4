package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostPoolTest {

    @Test
    void leasesAreDisjointAndInPoolOrder() throws Exception {
        HostPool pool = new HostPool(List.of("lab1", "lab2", "lab3", "lab4"));
        try (HostPool.Lease first = pool.take(2); HostPool.Lease second = pool.take(2)) {
            assertThat(first.hosts()).containsExactly("lab1", "lab2");
            assertThat(second.hosts()).containsExactly("lab3", "lab4");
        }
    }

    @Test
    void aTestWaitsUntilEnoughHostsAreGivenBack() throws Exception {
        HostPool pool = new HostPool(List.of("lab1", "lab2", "lab3"));
        HostPool.Lease holding = pool.take(2);
        CompletableFuture<List<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try (HostPool.Lease lease = pool.take(2)) {
                return lease.hosts();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();

        holding.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).containsExactly("lab1", "lab2");
    }

    @Test
    void askingForMoreThanThePoolHoldsSaysHowToGetThem() {
        HostPool pool = new HostPool(List.of("lab1", "lab2"));
        assertThatThrownBy(() -> pool.take(4)).hasMessageContaining("tests/lab/lab up 4");
    }

    @Test
    void aClassWrittenForNamedHostsWaitsForExactlyThose() throws Exception {
        HostPool pool = new HostPool(List.of("lab1", "lab2", "lab3"));
        HostPool.Lease playbook = pool.take(2);
        CompletableFuture<List<String>> named = takeLater(() -> pool.take(List.of("lab2", "lab3")));
        Thread.sleep(200);
        assertThat(named).isNotDone();

        playbook.close();

        assertThat(named.get(5, TimeUnit.SECONDS)).containsExactly("lab2", "lab3");
    }

    @Test
    void hostsANamedRequestWaitsForAreNotLentToOthersMeanwhile() throws Exception {
        HostPool pool = new HostPool(List.of("lab1", "lab2", "lab3"));
        HostPool.Lease first = pool.take(1);
        CompletableFuture<List<String>> named = takeLater(() -> pool.take(List.of("lab1", "lab2")));
        assertThat(Eventually.waitUntil(() -> pool.wantedByName() == 2, java.time.Duration.ofSeconds(10))).isTrue();
        // lab2 is free, but the named request waits for it: a request for any one host gets lab3.
        try (HostPool.Lease any = pool.take(1)) {
            assertThat(any.hosts()).containsExactly("lab3");
        }
        first.close();
        assertThat(named.get(5, TimeUnit.SECONDS)).containsExactly("lab1", "lab2");
    }

    @Test
    void namedHostsOutsideTheRunsPoolAreLentByNameOnly() throws Exception {
        HostPool pool = new HostPool(List.of("lab1"), List.of("lab1", "lab2"));
        try (HostPool.Lease named = pool.take(List.of("lab2"))) {
            assertThat(named.hosts()).containsExactly("lab2");
        }
        assertThatThrownBy(() -> pool.take(2)).hasMessageContaining("the pool has [lab1]");
        assertThatThrownBy(() -> pool.take(List.of("lab9"))).hasMessageContaining("[lab9]").hasMessageContaining("tests/lab/lab up");
    }

    @Test
    void aRequestForAnyHostsCanLeaveAGroupOut() throws Exception {
        HostPool pool = new HostPool(List.of("lab1", "lab2", "lab3"));
        try (HostPool.Lease lease = pool.take(2, host -> !host.equals("lab1"), " outside controller_nodes")) {
            assertThat(lease.hosts()).containsExactly("lab2", "lab3");
        }
        assertThatThrownBy(() -> pool.take(3, host -> !host.equals("lab1"), " outside controller_nodes"))
                .hasMessageContaining("needs 3 lab hosts outside controller_nodes");
    }

    private interface Taking {
        HostPool.Lease take() throws InterruptedException;
    }

    /** Takes on another thread, gives the hosts straight back, and answers which they were. */
    private static CompletableFuture<List<String>> takeLater(Taking taking) {
        return CompletableFuture.supplyAsync(() -> {
            try (HostPool.Lease lease = taking.take()) {
                return lease.hosts();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
