package dev.drover.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tcpdump of UDP to ports 9 and 7 on the lab bridge, for Wake-on-LAN tests: it only
 * listens. The capture is written as pcap and read here, frame by frame.
 */
final class BridgeCapture implements AutoCloseable {

    /** One UDP datagram as it crossed the bridge. */
    record Datagram(String destinationMac, String source, String destination, int port, byte[] payload) {

        String to() {
            return destination + ":" + port;
        }

        String payloadHex() {
            return HexFormat.of().formatHex(payload);
        }
    }

    private final Path file;
    private final Path log;
    private final Process tcpdump;

    private BridgeCapture(Path file, Path log, Process tcpdump) {
        this.file = file;
        this.log = log;
        this.tcpdump = tcpdump;
    }

    /**
     * Starts tcpdump and returns once it listens. --immediate-mode: without it, libpcap hands
     * packets over in blocks, up to a second late, and a capture stopped right after a short
     * command would miss them.
     */
    static BridgeCapture start(String bridge) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("drover-wol-capture");
        Path file = dir.resolve("wol.pcap");
        Path log = dir.resolve("tcpdump.log");
        Process tcpdump = new ProcessBuilder("tcpdump", "-i", bridge, "-n", "-U", "--immediate-mode", "-s", "512", "-w", file.toString(),
                "udp and (dst port 9 or dst port 7)")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(log).contains("listening on")) {
            if (!tcpdump.isAlive() || System.nanoTime() > deadline) {
                tcpdump.destroyForcibly();
                throw new IllegalStateException("tcpdump did not start on " + bridge + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return new BridgeCapture(file, log, tcpdump);
    }

    /** Stops tcpdump (after a moment, so the last frames are written) and reads what it saw. */
    List<Datagram> stop() throws InterruptedException {
        Thread.sleep(500);
        close();
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (tcpdump.isAlive()) {
            tcpdump.destroy();
            if (!tcpdump.waitFor(5, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** pcap: a 24-byte file header, then per frame a 16-byte header and the Ethernet frame. */
    static List<Datagram> parse(byte[] pcap) {
        List<Datagram> datagrams = new ArrayList<>();
        if (pcap.length < 24) {
            return datagrams;
        }
        ByteBuffer in = ByteBuffer.wrap(pcap);
        in.order(in.getInt(0) == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        while (at + 16 <= pcap.length) {
            int captured = in.getInt(at + 8);
            int start = at + 16;
            at = start + captured;
            if (at > pcap.length) {
                break;
            }
            datagram(Arrays.copyOfRange(pcap, start, at)).ifPresent(datagrams::add);
        }
        return datagrams;
    }

    private static java.util.Optional<Datagram> datagram(byte[] frame) {
        if (frame.length < 42 || (frame[12] & 0xff) != 0x08 || frame[13] != 0x00 || frame[23] != 17) {
            return java.util.Optional.empty();
        }
        int ipHeader = (frame[14] & 0x0f) * 4;
        int udp = 14 + ipHeader;
        int port = ((frame[udp + 2] & 0xff) << 8) | (frame[udp + 3] & 0xff);
        int length = ((frame[udp + 4] & 0xff) << 8) | (frame[udp + 5] & 0xff);
        byte[] payload = Arrays.copyOfRange(frame, udp + 8, Math.min(frame.length, udp + length));
        return java.util.Optional.of(new Datagram(HexFormat.ofDelimiter(":").formatHex(frame, 0, 6),
                address(frame, 26), address(frame, 30), port, payload));
    }

    private static String address(byte[] frame, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(frame, offset, offset + 4)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
