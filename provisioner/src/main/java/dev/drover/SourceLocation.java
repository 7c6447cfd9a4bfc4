package dev.drover;

import java.nio.file.Path;

/** Where a piece of user input came from, so every error can point at it. */
public record SourceLocation(Path file, int line, int column) {

    public static final SourceLocation UNKNOWN = new SourceLocation(null, 0, 0);

    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0);
    }

    public boolean isKnown() {
        return file != null;
    }

    @Override
    public String toString() {
        if (file == null) {
            return "<unknown>";
        }
        if (line <= 0) {
            return file.toString();
        }
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
