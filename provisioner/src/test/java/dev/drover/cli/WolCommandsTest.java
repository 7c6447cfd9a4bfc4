package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import dev.drover.vault.SecretMask;
import dev.drover.wol.LocalSubnets;
import dev.drover.wol.Subnet;
import dev.drover.wol.WakeSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** drover wake and sleep without a network: a recording sender, and the parts that decide. */
class WolCommandsTest {

    @TempDir
    Path dir;

    private final List<InetSocketAddress> sent = new ArrayList<>();

    private record Run(int exitCode, String out, String err) {
    }

    private Run wake(String... args) {
        WakeSender recording = new WakeSender((source, destination, payload) -> sent.add(destination),
                () -> new LocalSubnets(List.of(Subnet.parse("10.77.0.2/24"))));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new WakeCommand(Map.of(), new SecretMask(), recording)).execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path inventory() throws IOException {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, """
                all:
                  children:
                    workers:
                      hosts:
                        w1:
                          ansible_host: 10.77.0.16
                          mac_address: "02:77:00:00:00:06"
                        w2:
                          ansible_host: 10.77.0.17
                          mac_address: "{{ '02:77:00:00:00:07' }}"
                          wol_broadcast: 10.77.0.127
                          wol_password: "01:02:03:04"
                        nomac:
                          ansible_host: 10.77.0.18
                """);
        return file;
    }

    @Test
    void aGroupWakesEachHostAtItsBroadcastTheLimitedOneAndItsAddress() throws IOException {
        Run run = wake("-i", inventory().toString(), "workers:!nomac");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("w1: magic packet for 02:77:00:00:00:06 sent to 10.77.0.255:9, 10.77.0.255:7, "
                + "255.255.255.255:9, 255.255.255.255:7, 10.77.0.16:9, 10.77.0.16:7 (102 bytes each)");
        // wol_broadcast replaces the computed broadcast; wol_password makes the packet 106 bytes.
        assertThat(run.out()).contains("w2: magic packet for 02:77:00:00:00:07 sent to 10.77.0.127:9, 10.77.0.127:7, "
                + "255.255.255.255:9, 255.255.255.255:7, 10.77.0.17:9, 10.77.0.17:7 (106 bytes each)");
        assertThat(sent).hasSize(12);
    }

    @Test
    void portAndBroadcastOptionsReplaceTheDefaults() throws IOException {
        Run run = wake("-i", inventory().toString(), "w1", "--port", "4000", "--broadcast", "10.77.0.63");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("sent to 10.77.0.63:4000, 255.255.255.255:4000, 10.77.0.16:4000 (102 bytes each)");
    }

    @Test
    void aBareMacNeedsNoInventory() {
        Run run = wake("02-77-00-00-00-63");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("02:77:00:00:00:63: magic packet for 02:77:00:00:00:63 sent to 255.255.255.255:9, 255.255.255.255:7");
    }

    @Test
    void unknownNamesHostsWithoutMacAndBadValuesAreBadInputAndSendNothing() throws IOException {
        Run unknown = wake("-i", inventory().toString(), "w9", "w1");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'w9' is neither a host or group of the inventory nor a MAC address");
        Run noMac = wake("-i", inventory().toString(), "nomac");
        assertThat(noMac.exitCode()).isEqualTo(2);
        assertThat(noMac.err()).contains("host nomac has no mac_address");
        Run badPort = wake("-i", inventory().toString(), "w1", "--port", "0");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("--port: not a UDP port: 0");
        Run badBroadcast = wake("02:77:00:00:00:63", "--broadcast", "lan");
        assertThat(badBroadcast.exitCode()).isEqualTo(2);
        assertThat(badBroadcast.err()).contains("--broadcast: not an IP address: 'lan'");
        assertThat(sent).isEmpty();
    }

    @Test
    void sleepRunsSystemctlFromASystemdTimerAfterCheckingTheKernelCanDoIt() {
        String suspend = SleepCommand.script(SleepCommand.Mode.SUSPEND);
        assertThat(suspend).contains("/sys/power/state").contains("mem|freeze")
                .contains("systemd-run --quiet --collect --on-active=1 --timer-property=AccuracySec=100ms systemctl suspend");
        assertThat(SleepCommand.script(SleepCommand.Mode.HIBERNATE)).contains("(disk)").contains("systemctl hibernate");
        assertThat(SleepCommand.script(SleepCommand.Mode.POWEROFF)).doesNotContain("/sys/power/state")
                .contains("nohup sh -c 'sleep 1; exec systemctl poweroff'");
        assertThat(SleepCommand.parseMode(" Hibernate ")).isEqualTo(SleepCommand.Mode.HIBERNATE);
        assertThatThrownBy(() -> SleepCommand.parseMode("nap")).isInstanceOf(UserError.class)
                .hasMessageContaining("--mode nap: expected suspend, hibernate or poweroff");
    }
}
