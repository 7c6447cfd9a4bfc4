package dev.drover.agent.workflow;

/**
 * Where a step (or one for_each item) is. DONE, FAILED and SKIPPED are committed before any
 * step that needs it starts, so a resumed run never repeats them; RUNNING and WAITING are
 * where an agent that died left a step, and such a step starts again on resume.
 */
public enum StepStatus {
    PENDING, RUNNING, WAITING, DONE, FAILED, SKIPPED, CANCELLED;

    public boolean finished() {
        return this == DONE || this == FAILED || this == SKIPPED || this == CANCELLED;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static StepStatus of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
