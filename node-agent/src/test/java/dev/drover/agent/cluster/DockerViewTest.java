package dev.drover.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ContainerPort;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerViewTest {

    @Test
    void healthIsReadFromTheStatusText() {
        assertThat(DockerView.healthOf("Up 3 minutes (healthy)")).isEqualTo("healthy");
        assertThat(DockerView.healthOf("Up 10 seconds (health: starting)")).isEqualTo("starting");
        assertThat(DockerView.healthOf("Up 2 hours (unhealthy)")).isEqualTo("unhealthy");
        assertThat(DockerView.healthOf("Exited (0) 5 minutes ago")).isEqualTo("none");
        assertThat(DockerView.healthOf(null)).isEqualTo("none");
    }

    @Test
    void portsReadLikeDockerPs() {
        assertThat(DockerView.portText(new ContainerPort().withPrivatePort(80).withType("tcp")))
                .isEqualTo("80/tcp");
        assertThat(DockerView.portText(new ContainerPort().withIp("0.0.0.0").withPublicPort(8080)
                .withPrivatePort(80).withType("tcp"))).isEqualTo("0.0.0.0:8080->80/tcp");
        assertThat(DockerView.portText(new ContainerPort().withIp("::").withPublicPort(53)
                .withPrivatePort(53).withType("udp"))).isEqualTo("[::]:53->53/udp");
    }

    @Test
    void missingSocketIsUnavailableWithAReason(@TempDir Path dir) {
        try (DockerView view = new DockerView("unix://" + dir.resolve("docker.sock"))) {
            ContainersSnapshot snapshot = view.snapshot();
            assertThat(snapshot.available()).isFalse();
            assertThat(snapshot.error()).contains("no Docker socket at").contains("docker.sock");
            assertThat(snapshot.containers()).isEmpty();
        }
    }

    @Test
    void aSocketPathNobodyListensOnIsUnavailableQuickly(@TempDir Path dir) throws Exception {
        Path notASocket = Files.writeString(dir.resolve("docker.sock"), "");
        try (DockerView view = new DockerView("unix://" + notASocket)) {
            long start = System.nanoTime();
            ContainersSnapshot snapshot = view.snapshot();
            assertThat(snapshot.available()).isFalse();
            assertThat(snapshot.error()).startsWith("Docker at unix://").contains("not answering");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        }
    }

    @Test
    void aTcpHostNobodyListensOnIsUnavailable() {
        try (DockerView view = new DockerView("tcp://127.0.0.1:1")) {
            ContainersSnapshot snapshot = view.snapshot();
            assertThat(snapshot.available()).isFalse();
            assertThat(snapshot.error()).contains("not answering");
        }
    }

    @Test
    void aNonsenseHostIsUnavailableRatherThanAnException() {
        try (DockerView view = new DockerView("bogus://what")) {
            assertThat(view.snapshot().available()).isFalse();
        }
    }
}
