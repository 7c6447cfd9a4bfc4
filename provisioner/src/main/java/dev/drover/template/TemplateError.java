package dev.drover.template;

import dev.drover.SourceLocation;
import dev.drover.UserError;

/** A template that cannot be rendered: an undefined variable, a syntax error, a failing filter. */
public final class TemplateError extends UserError {
    public TemplateError(String message) {
        super(message, SourceLocation.UNKNOWN);
    }

    public TemplateError(String message, Throwable cause) {
        super(message, SourceLocation.UNKNOWN, null, cause);
    }
}
