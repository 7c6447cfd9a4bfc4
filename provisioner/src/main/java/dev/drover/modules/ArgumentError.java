package dev.drover.modules;

/** The task gave a module arguments it cannot accept; reported as a task failure, like Ansible. */
public final class ArgumentError extends RuntimeException {
    public ArgumentError(String message) {
        super(message);
    }
}
