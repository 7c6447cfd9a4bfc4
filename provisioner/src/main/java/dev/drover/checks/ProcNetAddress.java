package dev.drover.checks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The hexadecimal addresses of /proc/net/tcp and friends, as people write them. */
final class ProcNetAddress {

    private ProcNetAddress() {
    }

    /** Each 32-bit word is in host (little-endian) order; IPv6 comes out compressed (::). */
    static String decode(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + i) * 2;
                bytes[word * 4 + 3 - i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            return bytes.length == 4 ? address.getHostAddress() : compress(address.getHostAddress());
        } catch (UnknownHostException e) {
            return hex;
        }
    }

    /** Java writes 0:0:0:0:0:0:0:1; Goss and ip write ::1. The longest run of zero groups becomes ::. */
    static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
