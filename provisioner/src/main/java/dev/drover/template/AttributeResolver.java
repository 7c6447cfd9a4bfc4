package dev.drover.template;

import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Jinja2's {@code x.y} and {@code x['y']} on dicts, lists and strings: a missing key or index is
 * an {@link Undefined} (so {@code x.y is defined} and {@code x.y | default} work) rather than
 * Java's null; and Python's methods on them ({@code s.startswith()}, {@code d.items()}).
 * Everything else falls through to Jinjava's own resolvers.
 */
final class AttributeResolver extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base == null) {
            return null;
        }
        if (base instanceof Undefined) {
            context.setPropertyResolved(true);
            return base;
        }
        if (base instanceof Map<?, ?> map) {
            context.setPropertyResolved(true);
            return item(map, property);
        }
        if (base instanceof List<?> list) {
            context.setPropertyResolved(true);
            property = asIndex(property);
            if (property instanceof Number n && !(property instanceof Double)) {
                int index = n.intValue() < 0 ? n.intValue() + list.size() : n.intValue();
                return index >= 0 && index < list.size() ? list.get(index) : Undefined.element(base, property);
            }
            return Undefined.attribute(base, property);
        }
        if (base instanceof String || base instanceof SafeString) {
            context.setPropertyResolved(true);
            String text = base.toString();
            property = asIndex(property);
            if (property instanceof Number n && !(property instanceof Double)) {
                int index = n.intValue() < 0 ? n.intValue() + text.length() : n.intValue();
                return index >= 0 && index < text.length() ? String.valueOf(text.charAt(index)) : Undefined.element(base, property);
            }
            return Undefined.attribute(base, property);
        }
        if (base instanceof Filter || base instanceof ExpTest) {
            // Every filter and test call ({@code filter:upper.filter(...)}) first asks for a
            // property named like the method; Jinjava's bean resolver answers by throwing, which
            // cost half of a short render. They have no properties.
            context.setPropertyResolved(true);
            return null;
        }
        return null;
    }

    /** Jinjava hands bracket subscripts over as text; {@code x[0]} means index 0. */
    private static Object asIndex(Object property) {
        if (property instanceof String s && INTEGER.matcher(s).matches() && s.length() < 10) {
            return Integer.parseInt(s);
        }
        return property;
    }

    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d+");

    /**
     * {@code d[key]} and {@code d.key}. Jinjava hands every subscript over as text, so
     * {@code d[1]} arrives as "1": text that reads as a number also finds the key Python's dict
     * would find for that number (an int key, or 1 for 1.0).
     */
    private static Object item(Map<?, ?> map, Object key) {
        if (map.containsKey(key)) {
            return map.get(key);
        }
        if (key instanceof SafeString s && map.containsKey(s.toString())) {
            return map.get(s.toString());
        }
        Object number = key instanceof String text ? asNumber(text) : key;
        if (number instanceof Number) {
            Object found = PythonEquality.findKey(map, number);
            if (found != PythonEquality.NO_KEY) {
                return map.get(found);
            }
        }
        return Undefined.attribute(map, key);
    }

    private static Object asNumber(String text) {
        if (INTEGER.matcher(text).matches()) {
            return text.length() < 10 ? (Object) Integer.parseInt(text) : new java.math.BigInteger(text);
        }
        if (FLOAT.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        return null;
    }

    private static final java.util.regex.Pattern FLOAT = java.util.regex.Pattern.compile("-?\\d+\\.\\d*(?:[eE][-+]?\\d+)?");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base instanceof Undefined undefined) {
            throw undefined.failure();
        }
        if (base instanceof Map || base instanceof List || base instanceof String || base instanceof SafeString) {
            Object[] args = params == null ? new Object[0] : params;
            for (Object arg : args) {
                if (arg instanceof Undefined undefined) {
                    throw undefined.failure();
                }
            }
            Object target = base instanceof SafeString ? base.toString() : base;
            Object result = PythonMethods.call(target, String.valueOf(method), args);
            context.setPropertyResolved(true);
            return result;
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // Assignment ({% set ns.x = 1 %}) is left to Jinjava's resolvers.
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return Object.class;
    }
}
