package dev.drover.template;

/**
 * Why one template could not be rendered, in words a user understands. Thrown from deep inside
 * Jinjava (filters, lookups, attribute access) and turned into a {@link TemplateError} at the
 * edge, where the template text is known. No stack trace: it is a user mistake, not a bug.
 */
final class RenderFailure extends RuntimeException {

    private final boolean undefined;

    RenderFailure(String message) {
        this(message, false);
    }

    RenderFailure(String message, boolean undefined) {
        super(message, null, false, false);
        this.undefined = undefined;
    }

    /** Whether this failure is an undefined variable or attribute, which {@code default} may still catch. */
    boolean isUndefined() {
        return undefined;
    }

    /** Finds a RenderFailure among the causes of an exception Jinjava wrapped, or null. */
    static RenderFailure findIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RenderFailure failure) {
                return failure;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
