package dev.drover.transport;

import java.io.IOException;

/**
 * A way to run POSIX shell commands on one host. Implementations keep one underlying
 * session for the whole run and are safe to call from one thread at a time.
 */
public interface Connection extends AutoCloseable {

    /** The host this connection reaches, as named in the inventory. */
    String hostName();

    /**
     * Runs {@code command} with {@code sh -c} semantics on the host, feeding {@code stdin}
     * (may be empty) and waiting for it to finish.
     */
    CommandResult run(String command, byte[] stdin) throws IOException;

    default CommandResult run(String command) throws IOException {
        return run(command, new byte[0]);
    }

    @Override
    void close();
}
