package dev.drover.yaml;

import dev.drover.SourceLocation;

/** A value read from a file that knows where it was written. */
public interface Located {
    SourceLocation location();
}
