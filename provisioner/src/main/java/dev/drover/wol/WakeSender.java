package dev.drover.wol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends the magic packets of a {@link WakeTarget}: every destination on every port.
 *
 * <p>Each datagram leaves from this machine's own address on the target's subnet when it has
 * one: Linux routes a limited broadcast (255.255.255.255) by the source address's interface,
 * so it goes out on the right network even when there is no default route (as in the lab's
 * control namespace). Without such a subnet the system picks; if it has no route for the
 * limited broadcast, the datagram is sent from each of this machine's IPv4 addresses in turn.
 */
public final class WakeSender {

    private final PacketSink sink;
    private final Supplier<LocalSubnets> local;

    /** Real UDP, from this machine's interfaces. */
    public WakeSender() {
        this(PacketSink.udp(), LocalSubnets::ofThisMachine);
    }

    public WakeSender(PacketSink sink, Supplier<LocalSubnets> local) {
        this.sink = sink;
        this.local = local;
    }

    /** The subnets this sender sends from: a host's directed broadcast is computed from these. */
    public LocalSubnets localSubnets() {
        return local.get();
    }

    /**
     * Sends them all, in order, even when some fail.
     *
     * @return what was sent
     * @throws WakeFailure if any datagram could not be sent; it holds what did go
     */
    public List<SentPacket> send(WakeTarget target) throws IOException {
        LocalSubnets subnets = local.get();
        Optional<InetAddress> source = sourceFor(target, subnets);
        byte[] payload = target.payload();
        List<SentPacket> sent = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        IOException first = null;
        for (InetAddress destination : target.destinations()) {
            for (int port : target.ports()) {
                try {
                    sendOne(source, destination, port, payload, subnets);
                    sent.add(new SentPacket(destination, port, payload.length));
                } catch (IOException e) {
                    failures.add(destination.getHostAddress() + ":" + port + ": " + e.getMessage());
                    first = first == null ? e : first;
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new WakeFailure("could not send to " + String.join(", ", failures), sent, first);
        }
        return List.copyOf(sent);
    }

    private void sendOne(Optional<InetAddress> source, InetAddress destination, int port, byte[] payload,
                         LocalSubnets subnets) throws IOException {
        InetSocketAddress to = new InetSocketAddress(destination, port);
        try {
            sink.send(source, to, payload);
        } catch (IOException unreachable) {
            if (source.isPresent() || !destination.equals(WakeTarget.LIMITED_BROADCAST) || subnets.ipv4Addresses().isEmpty()) {
                throw unreachable;
            }
            // No route for 255.255.255.255 (no default route): send it out of every interface instead.
            for (InetAddress from : subnets.ipv4Addresses()) {
                sink.send(Optional.of(from), to, payload);
            }
        }
    }

    /** This machine's address on the subnet of the target's first destination that has one. */
    static Optional<InetAddress> sourceFor(WakeTarget target, LocalSubnets subnets) {
        return target.destinations().stream()
                .filter(d -> !d.equals(WakeTarget.LIMITED_BROADCAST))
                .flatMap(d -> subnets.containing(d).stream())
                .map(Subnet::address)
                .findFirst();
    }
}
