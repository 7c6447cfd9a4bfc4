package dev.drover.yaml;

import dev.drover.SourceLocation;
import dev.drover.UserError;

/** A file that is not valid YAML, or not the shape that was expected at a position. */
public final class YamlError extends UserError {
    public YamlError(String message, SourceLocation location, String hint) {
        super(message, location, hint);
    }
}
