package dev.drover.wol;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where one wake request goes: each destination on each port, as UpSnap does, since any one
 * of them can be lost or filtered on the way.
 *
 * @param name         what the user called it: the inventory host name, or the MAC
 * @param destinations in sending order, without repeats
 * @param password     the SecureOn password (4 or 6 bytes), if the NIC wants one
 */
public record WakeTarget(String name, MacAddress mac, List<InetAddress> destinations, List<Integer> ports,
                         Optional<byte[]> password) {

    /** The ports magic packets traditionally go to: discard (9), then echo (7). */
    public static final List<Integer> DEFAULT_PORTS = List.of(9, 7);
    public static final InetAddress LIMITED_BROADCAST = Subnet.literal("255.255.255.255");

    public WakeTarget {
        if (destinations.isEmpty() || ports.isEmpty()) {
            throw new IllegalArgumentException("a wake target needs at least one destination and one port");
        }
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a UDP port: " + port + " (1..65535)");
            }
        }
        destinations = List.copyOf(new LinkedHashSet<>(destinations));
        ports = List.copyOf(new LinkedHashSet<>(ports));
        password = password.map(byte[]::clone);
        MagicPacket.of(mac, password); // a password of the wrong length fails here, not at send time
    }

    /**
     * The directed broadcast of the host's subnet (or {@code broadcast}, from {@code wol_broadcast}),
     * 255.255.255.255, and the host's own address; ports 9 and 7. The host's subnet is the one of
     * this machine's interfaces that contains the host's address; with none, there is no
     * directed broadcast.
     */
    public static WakeTarget forHost(String name, MacAddress mac, InetAddress hostAddress,
                                     Optional<InetAddress> broadcast, Optional<byte[]> password) {
        return forHost(name, mac, hostAddress, broadcast, password, LocalSubnets.ofThisMachine());
    }

    /** {@link #forHost(String, MacAddress, InetAddress, Optional, Optional)} against given local subnets. */
    public static WakeTarget forHost(String name, MacAddress mac, InetAddress hostAddress,
                                     Optional<InetAddress> broadcast, Optional<byte[]> password, LocalSubnets local) {
        List<InetAddress> destinations = new ArrayList<>();
        broadcast.or(() -> local.containing(hostAddress).flatMap(Subnet::directedBroadcast)).ifPresent(destinations::add);
        destinations.add(LIMITED_BROADCAST);
        destinations.add(hostAddress);
        return new WakeTarget(name, mac, destinations, DEFAULT_PORTS, password);
    }

    /** A bare MAC, no host behind it: {@code broadcast} if given, then 255.255.255.255; ports 9 and 7. */
    public static WakeTarget forMac(MacAddress mac, Optional<InetAddress> broadcast, Optional<byte[]> password) {
        List<InetAddress> destinations = new ArrayList<>();
        broadcast.ifPresent(destinations::add);
        destinations.add(LIMITED_BROADCAST);
        return new WakeTarget(mac.toString(), mac, destinations, DEFAULT_PORTS, password);
    }

    /** The same target on other ports (--port, the module's port). */
    public WakeTarget withPorts(List<Integer> newPorts) {
        return new WakeTarget(name, mac, destinations, newPorts, password);
    }

    /** The payload every datagram of this target carries. */
    public byte[] payload() {
        return MagicPacket.of(mac, password);
    }

    @Override
    public Optional<byte[]> password() {
        return password.map(byte[]::clone);
    }
}
