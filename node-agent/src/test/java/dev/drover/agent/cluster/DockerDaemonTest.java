package dev.drover.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * DockerView against a real dockerd (Debian's docker.io) that the test starts and stops itself.
 * Skips only when dockerd or busybox is not installed and -Ddrover.docker is not set; tests/run
 * sets it, so there a missing prerequisite fails.
 */
class DockerDaemonTest {

    @Test
    void snapshotShowsRealContainersAndThenAStoppedDaemonAsUnavailable() throws Exception {
        String missing = PrivateDockerd.missingPrerequisite();
        if (System.getProperty("drover.docker") == null) {
            Assumptions.assumeTrue(missing == null, missing);
        }
        assertThat(missing).as("prerequisite for the Docker test").isNull();

        try (PrivateDockerd daemon = PrivateDockerd.start(); DockerView view = new DockerView(daemon.host())) {
            daemon.docker("run", "-d", "--name", "web", "--network", "none", "--health-cmd", "test -e /bin/sh",
                    "--health-interval", "1s", PrivateDockerd.IMAGE, "sleep", "600");
            daemon.docker("run", "-d", "--name", "broken", "--network", "none", "--health-cmd", "false",
                    "--health-interval", "1s", "--health-retries", "1", PrivateDockerd.IMAGE, "sleep", "600");
            daemon.docker("run", "--name", "job", "--network", "none", PrivateDockerd.IMAGE, "true");

            ContainersSnapshot snapshot = waitFor(view, Duration.ofSeconds(30),
                    s -> health(s, "web").equals(Optional.of("healthy"))
                            && health(s, "broken").equals(Optional.of("unhealthy")));

            assertThat(snapshot.available()).isTrue();
            assertThat(snapshot.error()).isNull();
            assertThat(snapshot.containers()).extracting(ContainerInfo::name).containsExactly("broken", "job", "web");
            ContainerInfo web = find(snapshot, "web");
            assertThat(web.image()).isEqualTo(PrivateDockerd.IMAGE);
            assertThat(web.state()).isEqualTo("running");
            assertThat(web.status()).startsWith("Up").contains("(healthy)");
            assertThat(web.id()).hasSize(64);
            assertThat(web.created()).isNotNull();
            ContainerInfo job = find(snapshot, "job");
            assertThat(job.state()).isEqualTo("exited");
            assertThat(job.health()).isEqualTo("none");
            assertThat(find(snapshot, "broken").state()).isEqualTo("running");

            daemon.stop();
            assertThat(daemon.isRunning()).isFalse();
            long start = System.nanoTime();
            ContainersSnapshot down = assertDoesNotThrow(view::snapshot);
            assertThat(down.available()).isFalse();
            assertThat(down.error()).isNotBlank();
            assertThat(down.containers()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static Optional<String> health(ContainersSnapshot s, String name) {
        return s.containers().stream().filter(c -> c.name().equals(name)).map(ContainerInfo::health).findFirst();
    }

    private static ContainerInfo find(ContainersSnapshot s, String name) {
        return s.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static ContainersSnapshot waitFor(DockerView view, Duration timeout,
                                              java.util.function.Predicate<ContainersSnapshot> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainersSnapshot last = view.snapshot();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("containers never reached the expected health: " + last);
            }
            Thread.sleep(250);
            last = view.snapshot();
        }
        return last;
    }
}
