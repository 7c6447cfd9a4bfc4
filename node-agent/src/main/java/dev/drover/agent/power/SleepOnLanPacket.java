package dev.drover.agent.power;

import dev.drover.wol.MacAddress;
import dev.drover.wol.MagicPacket;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sleep-on-LAN convention: a magic packet whose MAC is this node's MAC reversed, followed
 * by the SecureOn password. Pure, so right and wrong packets are tested without a socket.
 */
public final class SleepOnLanPacket {

    private static final int MAGIC_LENGTH = 6 + 16 * 6;

    private SleepOnLanPacket() {
    }

    /** Why the datagram is not a sleep request for {@code mac}, or empty when it is one. */
    public static Optional<String> rejection(byte[] datagram, int length, MacAddress mac, byte[] password) {
        Optional<MacAddress> target = MagicPacket.parse(datagram, length);
        if (target.isEmpty()) {
            return Optional.of("not a magic packet (" + length + " bytes)");
        }
        if (!Arrays.equals(target.get().bytes(), mac.reversed().bytes())) {
            return Optional.of("magic packet for " + target.get() + ", not this node's reversed MAC " + mac.reversed());
        }
        int end = start(datagram, length, target.get()) + MAGIC_LENGTH;
        byte[] given = Arrays.copyOfRange(datagram, end, Math.max(end, length));
        // Constant time: the comparison must not tell an attacker how many bytes were right.
        if (!MessageDigest.isEqual(given, password)) {
            return Optional.of("wrong or missing password");
        }
        return Optional.empty();
    }

    /** Where the packet's 6 x 0xFF sync begins (tools may put a header before it). */
    private static int start(byte[] datagram, int length, MacAddress target) {
        byte[] mac = target.bytes();
        for (int s = 0; s + MAGIC_LENGTH <= length; s++) {
            boolean sync = true;
            for (int i = 0; i < 6 && sync; i++) {
                sync = datagram[s + i] == (byte) 0xFF;
            }
            if (sync && Arrays.equals(datagram, s + 6, s + 12, mac, 0, 6)) {
                return s;
            }
        }
        return 0;
    }
}
