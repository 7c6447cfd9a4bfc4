package dev.drover.agent.power;

/** A power request the manager will not carry out; {@code status} is the HTTP status that fits (400, 404, 409, 502). */
public final class PowerRefusal extends RuntimeException {

    private final int status;

    public PowerRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
