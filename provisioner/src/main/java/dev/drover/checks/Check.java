package dev.drover.checks;

import dev.drover.SourceLocation;
import java.time.Duration;
import java.util.Map;

/**
 * One check in a file: a resource (type + id) and the properties it asserts, as written
 * (after templating). Properties map an attribute name to its expected value or matcher.
 */
public record Check(String type, String id, String title, Severity severity, Duration timeout,
                    Map<String, Object> properties, SourceLocation source) {

    public Check {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }

    /** {@code skip: true}: every property is reported as skipped, nothing runs. */
    public boolean skipped() {
        return Boolean.TRUE.equals(properties.get("skip"));
    }
}
