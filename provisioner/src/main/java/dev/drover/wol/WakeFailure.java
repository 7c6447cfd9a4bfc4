package dev.drover.wol;

import java.io.IOException;
import java.util.List;

/** Some datagrams of a wake request could not be sent; says which, and what did go. */
public final class WakeFailure extends IOException {

    private final transient List<SentPacket> sent;

    public WakeFailure(String message, List<SentPacket> sent, Throwable cause) {
        super(message, cause);
        this.sent = List.copyOf(sent);
    }

    /** What was sent before and after the failures. */
    public List<SentPacket> sent() {
        return sent;
    }
}
