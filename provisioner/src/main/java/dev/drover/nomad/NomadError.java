package dev.drover.nomad;

import dev.drover.UserError;

/**
 * Nomad refused a request (4xx), or stayed unreachable / failing (5xx) after the retries.
 * The message carries Nomad's own text, which is what a user can act on.
 */
public final class NomadError extends UserError {

    private final int status;

    public NomadError(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when Nomad could not be reached at all. */
    public int status() {
        return status;
    }
}
