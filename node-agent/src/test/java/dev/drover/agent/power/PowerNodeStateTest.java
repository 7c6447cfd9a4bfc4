package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How probes and the manager's actions move a node between awake, asleep, waking and unreachable. */
class PowerNodeStateTest {

    private static final Instant T0 = Instant.parse("2026-11-21T20:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void aNodeThatAnswersIsAwakeAndOneThatDoesNotIsUnreachable() {
        NodeStatus start = NodeStatus.initial("b", false, T0);
        NodeStatus up = start.afterProbe(true, T0.plusSeconds(5), TIMEOUT).status();
        assertThat(up.state()).isEqualTo(NodeState.AWAKE);
        assertThat(up.since()).isEqualTo(T0.plusSeconds(5));
        NodeStatus gone = up.afterProbe(false, T0.plusSeconds(10), TIMEOUT).status();
        assertThat(gone.state()).isEqualTo(NodeState.UNREACHABLE);
    }

    @Test
    void aNodePutToSleepIsAsleepWhileSilentAndAwakeWhenItAnswersAgain() {
        NodeStatus up = NodeStatus.initial("b", false, T0).afterProbe(true, T0, TIMEOUT).status();
        NodeStatus asked = up.sleeping(T0.plusSeconds(1));
        assertThat(asked.afterProbe(true, T0.plusSeconds(2), TIMEOUT).status().state())
                .as("still answering while it shuts down").isEqualTo(NodeState.AWAKE);
        NodeStatus asleep = asked.afterProbe(false, T0.plusSeconds(5), TIMEOUT).status();
        assertThat(asleep.state()).isEqualTo(NodeState.ASLEEP);
        assertThat(asleep.afterProbe(false, T0.plusSeconds(500), TIMEOUT).status().state()).isEqualTo(NodeState.ASLEEP);
        NodeStatus back = asleep.afterProbe(true, T0.plusSeconds(600), TIMEOUT).status();
        assertThat(back.state()).isEqualTo(NodeState.AWAKE);
        assertThat(back.sleepRequested()).isFalse();
    }

    @Test
    void aWokenNodeIsWakingUntilItAnswersAndTheWakeTimeIsMeasured() {
        NodeStatus asleep = NodeStatus.initial("b", false, T0).sleeping(T0).afterProbe(false, T0, TIMEOUT).status();
        NodeStatus waking = asleep.waking(T0.plusSeconds(100));
        assertThat(waking.state()).isEqualTo(NodeState.WAKING);
        NodeStatus.ProbeOutcome still = waking.afterProbe(false, T0.plusSeconds(110), TIMEOUT);
        assertThat(still.status().state()).isEqualTo(NodeState.WAKING);
        assertThat(still.status().since()).as("elapsed counts from the wake").isEqualTo(T0.plusSeconds(100));
        NodeStatus.ProbeOutcome up = still.status().afterProbe(true, T0.plusSeconds(123), TIMEOUT);
        assertThat(up.status().state()).isEqualTo(NodeState.AWAKE);
        assertThat(up.wakeEnded()).contains(Duration.ofSeconds(23));
        assertThat(up.status().lastWoken()).contains(T0.plusSeconds(123));
    }

    @Test
    void aWakeWithoutAnswerTimesOut() {
        NodeStatus waking = NodeStatus.initial("b", false, T0).waking(T0);
        NodeStatus.ProbeOutcome late = waking.afterProbe(false, T0.plus(TIMEOUT).plusSeconds(1), TIMEOUT);
        assertThat(late.wakeTimedOut()).isTrue();
        assertThat(late.status().state()).isEqualTo(NodeState.UNREACHABLE);
    }

    @Test
    void establishedConnectionsOnWatchedPortsKeepTheNodeBusy(@TempDir Path dir) throws Exception {
        Path tcp = dir.resolve("tcp");
        Path tcp6 = dir.resolve("tcp6");
        Files.writeString(tcp, """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                   1: 0100007F:1F90 0100007F:D2A4 01 00000000:00000000 00:00000000 00000000     0        0 2 1
                   2: 0A4D0008:0016 0A4D0001:C350 06 00000000:00000000 00:00000000 00000000     0        0 3 1
                """);
        Files.writeString(tcp6, """
                  sl  local_address                         remote_address                        st
                   0: 00000000000000000000000001000000:0016 00000000000000000000000001000000:A000 01 0
                """);
        assertThat(new TcpConnections(Set.of(8080), List.of(tcp, tcp6)).busy()).contains("1 connection on port 8080");
        assertThat(new TcpConnections(Set.of(22), List.of(tcp, tcp6)).busy())
                .as("a listening socket and a TIME_WAIT do not count; the tcp6 one does").contains("1 connection on port 22");
        assertThat(new TcpConnections(Set.of(443), List.of(tcp, tcp6)).busy()).isEmpty();
        assertThat(new TcpConnections(Set.of(), List.of(tcp, tcp6)).busy()).isEmpty();
    }

    @Test
    void loadAtOrAboveTheLimitKeepsTheNodeBusy(@TempDir Path dir) throws Exception {
        Path loadavg = dir.resolve("loadavg");
        Files.writeString(loadavg, "0.72 0.40 0.20 1/123 4567\n");
        assertThat(new LoadAverage(0.5, loadavg).busy()).contains("load 0.72 >= 0.5");
        assertThat(new LoadAverage(1.0, loadavg).busy()).isEmpty();
        assertThat(new LoadAverage(1.0, dir.resolve("missing")).busy()).get().asString().startsWith("load unknown");
    }
}
