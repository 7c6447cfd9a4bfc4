package dev.drover.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** Runs commands on the controller itself, for {@code ansible_connection: local} and for tests. */
public final class LocalConnection implements Connection {

    private final String hostName;

    public LocalConnection(String hostName) {
        this.hostName = hostName;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public CommandResult run(String command, byte[] stdin) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", command).start();
        // Drain both streams while feeding stdin, so a chatty command never blocks on a full pipe.
        CompletableFuture<byte[]> out = readAllAsync(process.getInputStream());
        CompletableFuture<byte[]> err = readAllAsync(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException ignored) {
            // The command may exit without reading its input; that is not an error of ours.
        }
        try {
            int code = process.waitFor();
            return new CommandResult(code, out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running a local command", e);
        }
    }

    private static CompletableFuture<byte[]> readAllAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    @Override
    public void close() {
        // Nothing is held open between commands.
    }
}
