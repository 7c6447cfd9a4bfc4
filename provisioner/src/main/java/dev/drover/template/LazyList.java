package dev.drover.template;

import com.hubspot.jinjava.objects.PyWrapper;
import java.util.AbstractList;
import java.util.List;

/** A raw list whose items are templated when read, once each. Read-only. */
final class LazyList extends AbstractList<Object> implements PyWrapper {

    private static final Object PENDING = new Object();

    private final RenderSession session;
    private final List<?> raw;
    private final Object[] resolved;

    LazyList(RenderSession session, List<?> raw) {
        this.session = session;
        this.raw = raw;
        this.resolved = new Object[raw.size()];
        java.util.Arrays.fill(resolved, PENDING);
    }

    @Override
    public Object get(int index) {
        Object value = resolved[index];
        if (value == PENDING) {
            value = session.resolve(raw.get(index), raw, index);
            resolved[index] = value;
        }
        return value;
    }

    @Override
    public int size() {
        return resolved.length;
    }

    @Override
    public String toString() {
        return PythonRepr.repr(this);
    }
}
