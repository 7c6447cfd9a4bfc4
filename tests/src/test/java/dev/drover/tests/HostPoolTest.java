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
}
