package dev.drover.yaml;

import dev.drover.SourceLocation;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping as read from a file: keys in file order, immutable, and carrying the
 * position of the mapping and of each key, so that errors can name file:line:column.
 */
public final class YamlMap extends AbstractMap<String, Object> implements Located {

    private final Map<String, Object> entries;
    private final Map<String, SourceLocation> keyLocations;
    private final SourceLocation location;

    YamlMap(LinkedHashMap<String, Object> entries, Map<String, SourceLocation> keyLocations, SourceLocation location) {
        this.entries = Collections.unmodifiableMap(entries);
        this.keyLocations = Map.copyOf(keyLocations);
        this.location = location;
    }

    /** A mapping made in code (e.g. a task's free-form args), located where its source was. */
    public static YamlMap of(Map<String, Object> entries, SourceLocation location) {
        return new YamlMap(new LinkedHashMap<>(entries), Map.of(), location);
    }

    @Override
    public SourceLocation location() {
        return location;
    }

    /** Where {@code key} was written, or the mapping's own position. */
    public SourceLocation locationOf(String key) {
        return keyLocations.getOrDefault(key, location);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public int size() {
        return entries.size();
    }
}
