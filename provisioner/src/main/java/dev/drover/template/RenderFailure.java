package dev.drover.template;

/**
 * Why one template could not be rendered, in words a user understands. Thrown from deep inside
 * Jinjava (filters, lookups, attribute access) and turned into a {@link TemplateError} at the
 * edge, where the template text is known. No stack trace: it is a user mistake, not a bug.
 */
final class RenderFailure extends RuntimeException {

    private final boolean undefined;
    /** The line it happened on (from 1), or 0 when not known: of the text Jinjava read, until {@link #placed}. */
    private final int line;
    /** Whether {@link #line} is a line of the user's template file rather than of Jinjava's text. */
    private final boolean placed;

    RenderFailure(String message) {
        this(message, false);
    }

    RenderFailure(String message, boolean undefined) {
        this(message, undefined, 0, false);
    }

    private RenderFailure(String message, boolean undefined, int line, boolean placed) {
        super(message, null, false, false);
        this.undefined = undefined;
        this.line = Math.max(line, 0);
        this.placed = placed;
    }

    int line() {
        return line;
    }

    boolean isPlaced() {
        return placed;
    }

    /** This failure on a line of the text Jinjava read, as Jinjava reports it; a line already known stands. */
    RenderFailure onLine(int jinjavaLine) {
        return line > 0 || jinjavaLine <= 0 ? this : new RenderFailure(getMessage(), undefined, jinjavaLine, false);
    }

    /**
     * A failure of a template rendered from inside this one (the template lookup): here it is
     * on the line that rendered it, not on its own.
     */
    RenderFailure nestedAt(int jinjavaLine) {
        return new RenderFailure(getMessage(), undefined, jinjavaLine, false);
    }

    /** This failure on a line of the user's template (0: unknown). */
    RenderFailure placed(int sourceLine) {
        return new RenderFailure(getMessage(), undefined, sourceLine, true);
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
