package dev.drover.wol;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * "Is the host up?" as a user means it: its SSH server sends its banner ({@code SSH-2.0-...}).
 * An open port alone is not enough: a booting host's socket activation, a NAT or a port
 * forward can accept a connection long before sshd can answer it.
 */
public final class SshBanner {

    private static final int MAX_BANNER = 255; // RFC 4253: the identification line is at most 255 bytes

    private SshBanner() {
    }

    /** True when something on the address sends an SSH identification line within the timeout. */
    public static boolean answers(InetSocketAddress address, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(address, millis);
            socket.setSoTimeout(millis);
            return readBanner(socket.getInputStream()).startsWith("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls until the host answers or the timeout has gone; each attempt waits at most a second
     * so that a host whose packets are dropped (it is off) costs no more than that per round.
     *
     * @return how long it took from {@code since}, or empty on timeout
     */
    public static Optional<Duration> waitFor(InetSocketAddress address, long sinceNanos, Duration timeout)
            throws InterruptedException {
        long deadline = sinceNanos + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            long attemptStarted = System.nanoTime();
            if (answers(address, Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())))) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - sinceNanos));
            }
            // A refused connection returns at once: pace the retries instead of spinning.
            long pause = Duration.ofMillis(250).toNanos() - (System.nanoTime() - attemptStarted);
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            }
        }
    }

    /** Lines before the identification line are allowed (RFC 4253 4.2); the first "SSH-" line counts. */
    private static String readBanner(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int total = 0;
        int c;
        while ((c = in.read()) >= 0 && total++ < 8192) {
            if (c == '\n') {
                String text = line.toString().strip();
                if (text.startsWith("SSH-")) {
                    return text;
                }
                line.setLength(0);
            } else if (line.length() < MAX_BANNER) {
                line.append((char) c);
            }
        }
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
