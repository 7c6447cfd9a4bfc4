package dev.drover.template;

import com.hubspot.jinjava.objects.collections.PyList;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python tuples: printed as {@code ('a', 1)}, produced by {@code dict.items()}, {@code zip} and
 * tuple literals. Jinjava makes tuple literals a PyList over an unmodifiable list; we recognise
 * that and our own {@link Tuple}.
 */
final class Tuples {

    private Tuples() {}

    static List<Object> of(Object... items) {
        return new Tuple(items.clone());
    }

    static List<Object> copyOf(List<?> items) {
        return new Tuple(items.toArray());
    }

    static boolean isTuple(Object value) {
        if (value instanceof Tuple) {
            return true;
        }
        return value != null && value.getClass() == PyList.class && !(((PyList) value).toList() instanceof ArrayList);
    }

    private static final class Tuple extends AbstractList<Object> {
        private final Object[] items;

        Tuple(Object[] items) {
            this.items = items;
        }

        @Override
        public Object get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }

        @Override
        public String toString() {
            return PythonRepr.repr(this);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }
    }
}
