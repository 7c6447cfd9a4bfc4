package dev.drover.vars;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variables as a stack of layers, highest precedence first. A lookup walks the layers and
 * stops at the first that has the name, so building a task's scope costs a list, not a copy
 * of every variable. Ansible's default hash_behaviour is "replace": a name set in a higher
 * layer hides the whole value below it, which is exactly this.
 */
public final class LayeredVars extends AbstractMap<String, Object> {

    private final List<Map<String, ?>> layers;
    private volatile Map<String, Object> flattened;

    private LayeredVars(List<Map<String, ?>> layers) {
        this.layers = layers;
    }

    /** @param lowestFirst layers in precedence order, lowest first (as Ansible's documentation lists them) */
    public static LayeredVars of(List<? extends Map<String, ?>> lowestFirst) {
        List<Map<String, ?>> highestFirst = new ArrayList<>(lowestFirst.size());
        for (int i = lowestFirst.size() - 1; i >= 0; i--) {
            Map<String, ?> layer = lowestFirst.get(i);
            // Empty layers stay: some (facts, set_fact) are live maps that fill up later in the run.
            if (layer != null) {
                highestFirst.add(layer);
            }
        }
        return new LayeredVars(Collections.unmodifiableList(highestFirst));
    }

    /** A new scope with {@code layer} on top of these. */
    public LayeredVars with(Map<String, ?> layer) {
        if (layer == null || layer.isEmpty()) {
            return this;
        }
        List<Map<String, ?>> more = new ArrayList<>(layers.size() + 1);
        more.add(layer);
        more.addAll(layers);
        return new LayeredVars(Collections.unmodifiableList(more));
    }

    @Override
    public Object get(Object key) {
        for (Map<String, ?> layer : layers) {
            Object value = layer.get(key);
            if (value != null || layer.containsKey(key)) {
                return value;
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (Map<String, ?> layer : layers) {
            if (layer.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a layer above {@code floor} (the very map given to {@link #of}) sets {@code key}:
     * a variable in Ansible's sense, as against a command-line default laid in below them all.
     */
    public boolean setAbove(Object key, Map<String, ?> floor) {
        if (floor.isEmpty()) {
            return containsKey(key); // and an empty floor may be a shared instance, found anywhere
        }
        for (Map<String, ?> layer : layers) {
            if (layer == floor) {
                return false;
            }
            if (layer.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> flat = flattened;
        if (flat == null) {
            flat = new LinkedHashMap<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                flat.putAll(layers.get(i));
            }
            flat = Collections.unmodifiableMap(flat);
            flattened = flat;
        }
        return flat.entrySet();
    }
}
