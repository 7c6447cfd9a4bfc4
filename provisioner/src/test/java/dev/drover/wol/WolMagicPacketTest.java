package dev.drover.wol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WolMagicPacketTest {

    private static final MacAddress MAC = MacAddress.parse("02:77:00:00:00:06");

    @Test
    void isSixFfThenTheMacSixteenTimes() {
        byte[] packet = MagicPacket.of(MAC, Optional.empty());
        // Written out, not computed: this is the wire format every NIC expects.
        String expected = "ffffffffffff" + "027700000006".repeat(16);
        assertThat(HexFormat.of().formatHex(packet)).isEqualTo(expected);
        assertThat(packet).hasSize(102);
    }

    @Test
    void appendsAFourOrSixBytePassword() {
        byte[] four = MagicPacket.of(MAC, Optional.of(new byte[] {1, 2, 3, 4}));
        byte[] six = MagicPacket.of(MAC, Optional.of(MagicPacket.parsePassword("0a:0b:0c:0d:0e:0f")));
        assertThat(four).hasSize(106);
        assertThat(Arrays.copyOfRange(four, 102, 106)).containsExactly(1, 2, 3, 4);
        assertThat(six).hasSize(108);
        assertThat(HexFormat.of().formatHex(six)).endsWith("027700000006" + "0a0b0c0d0e0f");
    }

    @Test
    void refusesPasswordsOfOtherLengths() {
        assertThatThrownBy(() -> MagicPacket.of(MAC, Optional.of(new byte[5])))
                .hasMessage("a SecureOn password has 4 or 6 bytes, not 5");
        assertThatThrownBy(() -> MagicPacket.parsePassword("010203"))
                .hasMessage("a SecureOn password has 4 or 6 bytes, not 3");
        assertThatThrownBy(() -> MagicPacket.parsePassword("secret"))
                .hasMessageContaining("not a SecureOn password: 'secret'");
        assertThat(MagicPacket.parsePassword("01-02-03-04")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void parseFindsTheMacAPacketWakes() {
        byte[] packet = MagicPacket.of(MAC, Optional.empty());
        assertThat(MagicPacket.parse(packet, packet.length)).contains(MAC);
        assertThat(MagicPacket.password(packet, packet.length)).isEmpty();
    }

    @Test
    void parseFindsTheMagicPacketAnywhereInTheDatagramAsFirmwareDoes() {
        byte[] packet = MagicPacket.of(MAC, Optional.empty());
        byte[] datagram = new byte[packet.length + 20];
        Arrays.fill(datagram, (byte) 0xFF); // leading FF bytes must not shift the sync stream
        System.arraycopy(packet, 0, datagram, 10, packet.length);
        Arrays.fill(datagram, 10 + packet.length, datagram.length, (byte) 0x11);
        assertThat(MagicPacket.parse(datagram, datagram.length)).contains(MAC);
    }

    @Test
    void parseReadsThePasswordThatEndsThePacket() {
        byte[] packet = MagicPacket.of(MAC, Optional.of(new byte[] {9, 8, 7, 6, 5, 4}));
        assertThat(MagicPacket.parse(packet, packet.length)).contains(MAC);
        assertThat(MagicPacket.password(packet, packet.length)).hasValueSatisfying(p -> assertThat(p).containsExactly(9, 8, 7, 6, 5, 4));
        // Only the first `length` bytes of a receive buffer count.
        byte[] buffer = Arrays.copyOf(packet, 1500);
        assertThat(MagicPacket.password(buffer, packet.length)).isPresent();
        assertThat(MagicPacket.password(buffer, 102)).isEmpty();
    }

    @Test
    void parseRejectsWhatIsNotAMagicPacket() {
        byte[] packet = MagicPacket.of(MAC, Optional.empty());
        assertThat(MagicPacket.parse(packet, 101)).isEmpty(); // cut short
        byte[] broken = packet.clone();
        broken[100] = 0x55; // the 16th copy differs
        assertThat(MagicPacket.parse(broken, broken.length)).isEmpty();
        byte[] noSync = packet.clone();
        noSync[2] = 0;
        assertThat(MagicPacket.parse(noSync, noSync.length)).isEmpty();
        assertThat(MagicPacket.parse(new byte[0], 0)).isEmpty();
    }
}
