package dev.drover.transport;

import java.io.IOException;

/** sudo did not run a task's command: a password missing or wrong, a user it does not allow. The task fails with this. */
public final class BecomeRefused extends IOException {

    private static final long serialVersionUID = 1L;

    public BecomeRefused(String message) {
        super(message);
    }
}
