package dev.drover.checks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A check file as loaded for one host: templated, parsed and validated. */
public record CheckFile(Path path, List<Check> checks) {

    public CheckFile {
        checks = List.copyOf(checks);
    }

    /** Reads, templates (Jinja, with these variables) and validates; UserError with file:line. */
    public static CheckFile load(Path path, Map<String, Object> variables) {
        throw new UnsupportedOperationException("not yet");
    }
}
