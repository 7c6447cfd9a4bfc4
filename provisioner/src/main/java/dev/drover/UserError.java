package dev.drover;

/**
 * A mistake in the user's input (a playbook, an inventory, an argument), as opposed to a bug.
 * The CLI prints these as one readable message, never as a stack trace.
 */
public class UserError extends RuntimeException {

    private final SourceLocation location;
    private final String hint;

    public UserError(String message) {
        this(message, SourceLocation.UNKNOWN, null, null);
    }

    public UserError(String message, SourceLocation location) {
        this(message, location, null, null);
    }

    public UserError(String message, SourceLocation location, String hint) {
        this(message, location, hint, null);
    }

    public UserError(String message, SourceLocation location, String hint, Throwable cause) {
        super(message, cause);
        this.location = location == null ? SourceLocation.UNKNOWN : location;
        this.hint = hint;
    }

    public SourceLocation location() {
        return location;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }

    /** The message as the CLI prints it: where, what, and what to do. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (location.isKnown()) {
            text.append(location).append(": ");
        }
        text.append(getMessage());
        if (hint != null && !hint.isBlank()) {
            text.append("\n  ").append(hint);
        }
        return text.toString();
    }
}
