package dev.drover.agent.checks;

/** Told about every finished run (history, metrics, live events); must not throw. */
@FunctionalInterface
public interface RunListener {
    void finished(FileRun run);
}
