package dev.drover.wol;

import java.net.InetAddress;

/** One datagram that left this machine: where to, which port, how many bytes. */
public record SentPacket(InetAddress destination, int port, int bytes) {

    @Override
    public String toString() {
        return destination.getHostAddress() + ":" + port + " (" + bytes + " bytes)";
    }
}
