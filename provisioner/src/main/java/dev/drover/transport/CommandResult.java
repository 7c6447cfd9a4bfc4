package dev.drover.transport;

import java.nio.charset.StandardCharsets;

/** What one remote command gave back. Output is kept as bytes so file reads stay binary-safe. */
public record CommandResult(int exitCode, byte[] stdout, byte[] stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    public String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
