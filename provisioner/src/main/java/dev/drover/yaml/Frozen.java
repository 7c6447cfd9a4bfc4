package dev.drover.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read-only copies of variable maps. Variables may hold null (YAML {@code ~}), which
 * {@code Map.copyOf} refuses, so these copies keep order and nulls.
 */
public final class Frozen {

    private Frozen() {
    }

    public static Map<String, Object> copy(Map<String, ?> vars) {
        if (vars == null || vars.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }
}
