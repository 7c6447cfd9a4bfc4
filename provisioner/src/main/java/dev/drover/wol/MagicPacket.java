package dev.drover.wol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The Wake-on-LAN magic packet: 6 x 0xFF, the MAC 16 times, then the optional 4- or 6-byte
 * SecureOn password (102, 106 or 108 bytes).
 */
public final class MagicPacket {

    public static final int SYNC_LENGTH = 6;
    public static final int REPETITIONS = 16;
    /** The length of a packet without a password. */
    public static final int LENGTH = SYNC_LENGTH + REPETITIONS * MacAddress.LENGTH;

    private MagicPacket() {
    }

    public static byte[] of(MacAddress mac, Optional<byte[]> password) {
        byte[] secret = password.orElse(new byte[0]);
        checkPasswordLength(secret.length);
        byte[] packet = new byte[LENGTH + secret.length];
        Arrays.fill(packet, 0, SYNC_LENGTH, (byte) 0xFF);
        byte[] address = mac.bytes();
        for (int i = 0; i < REPETITIONS; i++) {
            System.arraycopy(address, 0, packet, SYNC_LENGTH + i * MacAddress.LENGTH, MacAddress.LENGTH);
        }
        System.arraycopy(secret, 0, packet, LENGTH, secret.length);
        return packet;
    }

    /**
     * The MAC a datagram wakes, or empty. Like NIC firmware, this looks for the sync stream
     * followed by 16 copies of one address anywhere in the payload, not only at its start.
     */
    public static Optional<MacAddress> parse(byte[] datagram, int length) {
        int start = find(datagram, length);
        return start < 0 ? Optional.empty()
                : Optional.of(new MacAddress(Arrays.copyOfRange(datagram, start + SYNC_LENGTH, start + SYNC_LENGTH + MacAddress.LENGTH)));
    }

    /**
     * The SecureOn password a datagram carries: the 4 or 6 bytes that follow the 16th copy of
     * the MAC and end the datagram; empty if there is no magic packet or no such tail.
     */
    public static Optional<byte[]> password(byte[] datagram, int length) {
        int start = find(datagram, length);
        if (start < 0) {
            return Optional.empty();
        }
        int tail = length - (start + LENGTH);
        return tail == 4 || tail == 6
                ? Optional.of(Arrays.copyOfRange(datagram, start + LENGTH, length))
                : Optional.empty();
    }

    /**
     * A SecureOn password written as hex, with or without ':' or '-' between the bytes
     * ({@code 0a0b0c0d}, {@code 0a:0b:0c:0d:0e:0f}).
     *
     * @throws IllegalArgumentException unless it is 4 or 6 bytes of hex
     */
    public static byte[] parsePassword(String text) {
        String hex = text == null ? "" : text.strip().replaceAll("[:-]", "");
        if (!hex.matches("\\p{XDigit}*") || hex.length() % 2 != 0) {
            throw new IllegalArgumentException("not a SecureOn password: '" + text
                    + "' (expected 4 or 6 bytes of hex, e.g. 0a0b0c0d or 01:02:03:04:05:06)");
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        checkPasswordLength(bytes.length);
        return bytes;
    }

    private static void checkPasswordLength(int length) {
        if (length != 0 && length != 4 && length != 6) {
            throw new IllegalArgumentException("a SecureOn password has 4 or 6 bytes, not " + length);
        }
    }

    /** Offset of the first sync stream followed by 16 copies of one address, or -1. */
    private static int find(byte[] datagram, int length) {
        int end = Math.min(length, datagram.length);
        for (int start = 0; start + LENGTH <= end; start++) {
            if (isMagicAt(datagram, start)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isMagicAt(byte[] d, int start) {
        for (int i = 0; i < SYNC_LENGTH; i++) {
            if (d[start + i] != (byte) 0xFF) {
                return false;
            }
        }
        int first = start + SYNC_LENGTH;
        for (int copy = 1; copy < REPETITIONS; copy++) {
            int at = first + copy * MacAddress.LENGTH;
            if (!Arrays.equals(d, first, first + MacAddress.LENGTH, d, at, at + MacAddress.LENGTH)) {
                return false;
            }
        }
        return true;
    }
}
