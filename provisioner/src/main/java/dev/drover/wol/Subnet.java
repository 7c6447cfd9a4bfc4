package dev.drover.wol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address with its prefix length, as an interface carries it: 10.77.0.2/24. */
public record Subnet(InetAddress address, int prefixLength) {

    public Subnet {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range for " + address.getHostAddress());
        }
    }

    /** "10.77.0.2/24" (the address must be a literal: nothing is looked up). */
    public static Subnet parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not ADDRESS/PREFIX: '" + text + "'");
        }
        try {
            return new Subnet(literal(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not ADDRESS/PREFIX: '" + text + "'");
        }
    }

    /** True when the other address is in this subnet (same family, same leading prefix bits). */
    public boolean contains(InetAddress other) {
        byte[] a = address.getAddress();
        byte[] b = other.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The directed broadcast (all host bits set), for IPv4 subnets that have one: /31 and /32
     * have no broadcast address (RFC 3021), IPv6 has none at all.
     */
    public Optional<InetAddress> directedBroadcast() {
        if (!(address instanceof Inet4Address) || prefixLength > 30) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        for (int bit = prefixLength; bit < 32; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 bytes are always a valid address
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }

    /** An IP literal, never a name lookup. @throws IllegalArgumentException for anything else */
    public static InetAddress literal(String text) {
        String t = text.strip();
        if (!t.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(t); // a literal: getByName does not resolve it
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
    }
}
