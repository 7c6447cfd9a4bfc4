package dev.drover.checks;

import dev.drover.transport.Connection;
import java.time.Duration;

/** Runs a check file on one host in one remote command and judges the results in Java. */
public final class CheckRunner {

    private final Duration defaultTimeout;

    public CheckRunner(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    public HostReport run(CheckFile file, Connection connection) {
        throw new UnsupportedOperationException("not yet");
    }
}
