package dev.drover.agent.workflow;

/** A workflow request the engine will not carry out; {@code status} is the HTTP status that fits (400, 404, 409). */
public final class WorkflowRefusal extends RuntimeException {

    private final int status;

    public WorkflowRefusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
