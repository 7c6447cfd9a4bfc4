package dev.drover.agent.power;

import dev.drover.wol.MacAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on UDP (port 9 by default) for sleep-on-LAN packets; a right one (this node's MAC
 * reversed and the password) calls {@code onSleep} with the sender's address. Anything else is
 * ignored and logged at debug, so a LAN full of wake packets does not fill the log.
 */
final class SleepOnLanListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SleepOnLanListener.class);

    private final DatagramSocket socket;
    private final MacAddress mac;
    private final byte[] password;
    private final Consumer<String> onSleep;
    private final Thread thread;

    SleepOnLanListener(String bind, int port, MacAddress mac, byte[] password, Consumer<String> onSleep) {
        this.mac = mac;
        this.password = password.clone();
        this.onSleep = onSleep;
        try {
            socket = new DatagramSocket(new InetSocketAddress(bind, port));
        } catch (SocketException e) {
            throw new IllegalStateException("cannot listen for sleep-on-LAN on UDP " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        thread = new Thread(this::listen, "sleep-on-lan");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
        LOG.info("sleep-on-LAN: listening on UDP {} for {} reversed", socket.getLocalPort(), mac);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void listen() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("sleep-on-LAN: receive failed: {}", e.toString());
                }
                continue;
            }
            String from = packet.getAddress().getHostAddress();
            var rejection = SleepOnLanPacket.rejection(packet.getData(), packet.getLength(), mac, password);
            if (rejection.isPresent()) {
                LOG.debug("sleep-on-LAN: ignored a packet from {}: {}", from, rejection.get());
                continue;
            }
            try {
                onSleep.accept(from);
            } catch (RuntimeException e) {
                LOG.warn("sleep-on-LAN: could not sleep: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
