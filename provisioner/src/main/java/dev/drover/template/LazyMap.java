package dev.drover.template;

import com.hubspot.jinjava.objects.PyWrapper;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** A raw dict whose values are templated when read, once each. Read-only. */
final class LazyMap extends AbstractMap<Object, Object> implements PyWrapper {

    private final RenderSession session;
    private final Map<?, ?> raw;
    private final Map<Object, Object> resolved = new HashMap<>();

    LazyMap(RenderSession session, Map<?, ?> raw) {
        this.session = session;
        this.raw = raw;
    }

    @Override
    public boolean containsKey(Object key) {
        return raw.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        Object value = resolved.get(key);
        if (value != null || resolved.containsKey(key)) {
            return value;
        }
        if (!raw.containsKey(key)) {
            return null;
        }
        value = session.resolve(raw.get(key), raw, key);
        resolved.put(key, value);
        return value;
    }

    @Override
    public int size() {
        return raw.size();
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                Iterator<?> keys = raw.keySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return keys.hasNext();
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        Object key = keys.next();
                        return new SimpleImmutableEntry<>(key, get(key));
                    }
                };
            }

            @Override
            public int size() {
                return raw.size();
            }
        };
    }

    @Override
    public Set<Object> keySet() {
        @SuppressWarnings("unchecked")
        Set<Object> keys = (Set<Object>) raw.keySet();
        return java.util.Collections.unmodifiableSet(keys);
    }

    @Override
    public String toString() {
        return PythonRepr.repr(this);
    }
}
