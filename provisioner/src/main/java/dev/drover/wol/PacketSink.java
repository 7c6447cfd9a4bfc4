package dev.drover.wol;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where {@link WakeSender} puts datagrams. The real one is {@link #udp()}; tests pass one that
 * records, so that no test ever broadcasts from the machine's own network namespace.
 */
@FunctionalInterface
public interface PacketSink {

    /**
     * Sends one datagram.
     *
     * @param source the local address to send from (which picks the interface a broadcast
     *               leaves by), or empty for the system's choice
     */
    void send(Optional<InetAddress> source, InetSocketAddress destination, byte[] payload) throws IOException;

    /** UDP with SO_BROADCAST, one short-lived socket per datagram. */
    static PacketSink udp() {
        return (source, destination, payload) -> {
            InetSocketAddress local = source.map(a -> new InetSocketAddress(a, 0)).orElseGet(() -> new InetSocketAddress(0));
            try (DatagramSocket socket = new DatagramSocket(local)) {
                socket.setBroadcast(true);
                socket.send(new DatagramPacket(payload, payload.length, destination));
            }
        };
    }
}
