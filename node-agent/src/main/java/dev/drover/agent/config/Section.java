package dev.drover.agent.config;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import dev.drover.yaml.YamlMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the config file, read with types checked: every mistake names the file and
 * line of the key at fault, and keys the agent does not know are refused rather than ignored
 * (a misspelt {@code read_open} must not silently leave the API open). Workflow files are
 * read with it too.
 */
public final class Section {

    private final String name;
    private final YamlMap map;

    public Section(String name, YamlMap map) {
        this.name = name;
        this.map = map;
    }

    public static Section of(String name, Object value, SourceLocation where) {
        if (value == null) {
            return new Section(name, YamlMap.of(Map.of(), where));
        }
        if (!(value instanceof YamlMap map)) {
            throw new UserError("'" + name + "' must be a mapping", where);
        }
        return new Section(name, map);
    }

    public SourceLocation location() {
        return map.location();
    }

    public SourceLocation at(String key) {
        return map.locationOf(key);
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** The keys of this mapping, in file order. */
    public Set<String> keys() {
        return map.keySet();
    }

    public Object raw(String key) {
        return map.get(key);
    }

    public void allowOnly(Set<String> keys) {
        for (String key : map.keySet()) {
            if (!keys.contains(key)) {
                throw new UserError("unknown setting '" + qualified(key) + "'", at(key),
                        "known settings here: " + String.join(", ", new java.util.TreeSet<>(keys)));
            }
        }
    }

    public Section section(String key) {
        return Section.of(qualified(key), map.get(key), at(key));
    }

    public String string(String key, String fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw new UserError("'" + qualified(key) + "' must be a single value", at(key));
        }
        return String.valueOf(value);
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, null));
    }

    public int integer(String key, int fallback, int min, int max) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new UserError("'" + qualified(key) + "' must be a whole number, not '" + value + "'", at(key));
        }
        long n = ((Number) value).longValue();
        if (n < min || n > max) {
            throw new UserError("'" + qualified(key) + "' must be between " + min + " and " + max + ", not " + n, at(key));
        }
        return (int) n;
    }

    public double number(String key, double fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() < 0) {
            throw new UserError("'" + qualified(key) + "' must be a number of 0 or more, not '" + value + "'", at(key));
        }
        return n.doubleValue();
    }

    public boolean bool(String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new UserError("'" + qualified(key) + "' must be true or false, not '" + value + "'", at(key));
        }
        return b;
    }

    public Duration duration(String key, Duration fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        return DurationText.parse(value).orElseThrow(() -> new UserError(
                "'" + qualified(key) + "' must be a duration such as 500ms, 30s, 5m, 1h or 7d, not '" + value + "'", at(key)));
    }

    public List<String> strings(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new UserError("'" + qualified(key) + "' must be a list", at(key));
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw new UserError("'" + qualified(key) + "' must be a list of plain values", at(key));
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    /** The mappings of a list-valued key, each with its own position. */
    public List<Section> sections(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new UserError("'" + qualified(key) + "' must be a list", at(key));
        }
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String label = qualified(key) + "[" + i + "]";
            if (!(item instanceof YamlMap entry)) {
                throw new UserError("'" + label + "' must be a mapping", at(key));
            }
            out.add(new Section(label, entry));
        }
        return out;
    }

    public String qualified(String key) {
        return name.isEmpty() ? key : name + "." + key;
    }
}
