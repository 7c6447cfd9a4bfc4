package dev.drover.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One long-lived {@code sh} on the host, fed commands on its standard input. A command
 * costs one round trip and its own processes, instead of an SSH channel and a login shell
 * each time.
 *
 * <p>Each command runs as {@code ( eval 'COMMAND' )}: in a subshell, so that cd, exports and
 * even a syntax error stay inside it. Its standard input is its own data (sent base64 in a
 * here-document) or /dev/null, never the shell's. After it, the shell prints a marker with
 * a random token and the exit status on stdout, and the token on stderr; the reader splits
 * the streams at those markers.
 */
final class ShellChannel {

    private final OutputStream toShell;
    private final StreamSplitter stdout;
    private final StreamSplitter stderr;
    private final String token;
    private long sequence;

    ShellChannel(OutputStream toShell, InputStream fromShell, InputStream errorsFromShell) {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.token = "__drover_" + HexFormat.of().formatHex(random);
        this.toShell = toShell;
        this.stdout = new StreamSplitter(fromShell, "shell-stdout");
        this.stderr = new StreamSplitter(errorsFromShell, "shell-stderr");
    }

    synchronized CommandResult run(String command, byte[] stdin) throws IOException {
        String end = token + "_" + (++sequence);
        if (stdin.length > 0) {
            write("base64 -d <<'" + end + "_in' | ( eval " + ShellQuote.quote(command) + " )\n");
            // Encoded straight onto the channel: a jar of tens of MB would otherwise be held
            // three more times over (as base64 text, in the script, and as its bytes).
            OutputStream encoder = Base64.getMimeEncoder(76, new byte[] {'\n'}).wrap(new UnclosedStream(toShell));
            encoder.write(stdin);
            encoder.close();
            write("\n" + end + "_in\n");
        } else {
            write("( eval " + ShellQuote.quote(command) + " ) </dev/null\n");
        }
        // The newline before each marker ends any last line the command left unterminated;
        // the reader removes exactly that one newline again.
        write("printf '\\n" + end + " %d\\n' \"$?\"; printf '\\n" + end + "\\n' >&2\n");
        toShell.flush();
        byte[] out = stdout.until(("\n" + end + " ").getBytes(StandardCharsets.UTF_8), true);
        byte[] err = stderr.until(("\n" + end + "\n").getBytes(StandardCharsets.UTF_8), false);
        return new CommandResult(stdout.lastStatus(), out, err);
    }

    private void write(String text) throws IOException {
        toShell.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Lets the base64 encoder finish its last line without closing the shell's input. */
    private static final class UnclosedStream extends java.io.FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() {
            // the shell's input stays open for the next command
        }
    }

    /**
     * Reads one of the shell's streams on its own thread, so that a command writing a lot to
     * the other stream never stalls, and hands out what came before each marker. Each byte
     * is scanned once, however much a command prints.
     */
    private static final class StreamSplitter {
        private byte[] data = new byte[64 * 1024];
        private int length;
        private int scanned;
        private IOException failure;
        private boolean closed;
        private int status;

        StreamSplitter(InputStream stream, String name) {
            Thread reader = new Thread(() -> pump(stream), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void pump(InputStream stream) {
            byte[] chunk = new byte[32 * 1024];
            try {
                int n;
                while ((n = stream.read(chunk)) >= 0) {
                    synchronized (this) {
                        if (length + n > data.length) {
                            data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
                        }
                        System.arraycopy(chunk, 0, data, length, n);
                        length += n;
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                }
            }
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }

        /** Blocks until {@code marker} has arrived; returns what came before it and keeps what follows. */
        synchronized byte[] until(byte[] marker, boolean withStatus) throws IOException {
            int at = -1;
            while (true) {
                if (at < 0) {
                    at = find(marker);
                }
                if (at >= 0) {
                    int after = at + marker.length;
                    if (withStatus) {
                        int eol = after;
                        while (eol < length && data[eol] != '\n') {
                            eol++;
                        }
                        if (eol == length) {
                            waitForMore();
                            continue;
                        }
                        status = Integer.parseInt(new String(data, after, eol - after, StandardCharsets.US_ASCII).trim());
                        after = eol + 1;
                    }
                    byte[] before = Arrays.copyOfRange(data, 0, at);
                    System.arraycopy(data, after, data, 0, length - after);
                    length -= after;
                    scanned = 0;
                    return before;
                }
                if (closed) {
                    throw failure != null ? failure : new IOException("the remote shell ended");
                }
                waitForMore();
            }
        }

        /** Looks for the marker in what arrived since the last look (a marker may straddle the two). */
        private int find(byte[] marker) {
            int from = Math.max(0, scanned - marker.length + 1);
            outer:
            for (int i = from; i <= length - marker.length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (data[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            scanned = length;
            return -1;
        }

        synchronized int lastStatus() {
            return status;
        }

        private void waitForMore() throws IOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the host", e);
            }
        }
    }
}
