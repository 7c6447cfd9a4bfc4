package dev.drover.agent.workflow;

/** Where a run is; the last three are final. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
