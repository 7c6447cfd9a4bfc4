package dev.drover.agent.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.wol.MacAddress;
import dev.drover.wol.MagicPacket;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sleep-on-LAN: only a magic packet with this node's MAC reversed and the right password puts
 * it to sleep. Packets go by unicast to 127.0.0.1, never as a broadcast.
 */
class PowerSleepOnLanTest {

    private static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");
    private static final byte[] PASSWORD = HexFormat.of().parseHex("a1b2c3d4e5f6");

    @Test
    void onlyTheReversedMacWithThePasswordIsASleepRequest() {
        byte[] right = MagicPacket.of(MAC.reversed(), Optional.of(PASSWORD));
        assertThat(SleepOnLanPacket.rejection(right, right.length, MAC, PASSWORD)).isEmpty();
        byte[] wake = MagicPacket.of(MAC, Optional.of(PASSWORD));
        assertThat(SleepOnLanPacket.rejection(wake, wake.length, MAC, PASSWORD)).get().asString()
                .contains("not this node's reversed MAC 56:34:12:00:54:52");
        byte[] wrong = MagicPacket.of(MAC.reversed(), Optional.of(HexFormat.of().parseHex("a1b2c3d4e5f7")));
        assertThat(SleepOnLanPacket.rejection(wrong, wrong.length, MAC, PASSWORD)).contains("wrong or missing password");
        byte[] none = MagicPacket.of(MAC.reversed(), Optional.empty());
        assertThat(SleepOnLanPacket.rejection(none, none.length, MAC, PASSWORD)).contains("wrong or missing password");
        byte[] shortPassword = MagicPacket.of(MAC.reversed(), Optional.of(HexFormat.of().parseHex("a1b2c3d4")));
        assertThat(SleepOnLanPacket.rejection(shortPassword, shortPassword.length, MAC, PASSWORD)).contains("wrong or missing password");
        byte[] junk = "hello".getBytes();
        assertThat(SleepOnLanPacket.rejection(junk, junk.length, MAC, PASSWORD)).get().asString().startsWith("not a magic packet");
    }

    @Test
    void theListenerSleepsOnlyOnTheRightPacketOverLoopback() throws Exception {
        List<String> sleptFrom = new CopyOnWriteArrayList<>();
        try (SleepOnLanListener listener = new SleepOnLanListener("127.0.0.1", 0, MAC, PASSWORD, sleptFrom::add);
             DatagramSocket client = new DatagramSocket()) {
            listener.start();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (byte[] packet : List.of(MagicPacket.of(MAC, Optional.of(PASSWORD)),
                    MagicPacket.of(MAC.reversed(), Optional.of(HexFormat.of().parseHex("000000000000"))),
                    MagicPacket.of(MAC.reversed(), Optional.empty()), "junk".getBytes())) {
                client.send(new DatagramPacket(packet, packet.length, loopback, listener.port()));
            }
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(sleptFrom).as("wrong packets are ignored").isEmpty();
            byte[] right = MagicPacket.of(MAC.reversed(), Optional.of(PASSWORD));
            client.send(new DatagramPacket(right, right.length, loopback, listener.port()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sleptFrom.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertThat(sleptFrom).containsExactly("127.0.0.1");
        }
    }
}
