package dev.drover.transport;

import java.io.IOException;

/** The host could not be reached or logged into; the run marks it UNREACHABLE and goes on with the others. */
public final class UnreachableError extends IOException {
    public UnreachableError(String message, Throwable cause) {
        super(message, cause);
    }
}
