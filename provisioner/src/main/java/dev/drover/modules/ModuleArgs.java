package dev.drover.modules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A module's arguments after templating, checked against its {@link ArgSpec}: aliases
 * folded into canonical names, types converted the way Ansible converts them, defaults
 * filled in. Immutable.
 */
public final class ModuleArgs {

    private static final Set<String> TRUE_WORDS = Set.of("yes", "on", "1", "true", "y", "t");
    private static final Set<String> FALSE_WORDS = Set.of("no", "off", "0", "false", "n", "f", "");

    private final Map<String, Object> values;
    private final Set<String> given;

    private ModuleArgs(Map<String, Object> values, Set<String> given) {
        this.values = Collections.unmodifiableMap(values);
        this.given = Set.copyOf(given);
    }

    /** Checks {@code raw} against {@code spec}; throws {@link ArgumentError} with Ansible's wording. */
    public static ModuleArgs validate(String module, ArgSpec spec, Map<String, Object> raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        java.util.HashSet<String> given = new java.util.HashSet<>();
        for (Map.Entry<String, Object> entry : raw.entrySet()) {
            String key = entry.getKey();
            if (key.equals("_raw_params") && spec.freeForm()) {
                values.put(key, entry.getValue() == null ? "" : String.valueOf(entry.getValue()));
                given.add(key);
                continue;
            }
            Arg arg = spec.find(key);
            if (arg == null) {
                unsupported.add(key);
                continue;
            }
            if (given.contains(arg.name())) {
                throw new ArgumentError("parameters are mutually exclusive: " + arg.name() + "|" + key);
            }
            if (entry.getValue() != null) {
                values.put(arg.name(), convert(arg, entry.getValue()));
                given.add(arg.name());
            }
        }
        if (!unsupported.isEmpty()) {
            Collections.sort(unsupported);
            throw new ArgumentError("Unsupported parameters for (" + module + ") module: " + String.join(", ", unsupported)
                    + ". Supported parameters include: " + String.join(", ", spec.supportedNames()) + ".");
        }
        List<String> missing = new ArrayList<>();
        for (Arg arg : spec.args()) {
            if (arg.required() && !values.containsKey(arg.name())) {
                missing.add(arg.name());
            }
            if (!values.containsKey(arg.name()) && arg.defaultValue() != null) {
                values.put(arg.name(), arg.defaultValue());
            }
            Object value = values.get(arg.name());
            if (value != null && !arg.choices().isEmpty() && !arg.choices().contains(String.valueOf(value))) {
                throw new ArgumentError("value of " + arg.name() + " must be one of: " + String.join(", ", arg.choices())
                        + ", got: " + value);
            }
        }
        if (!missing.isEmpty()) {
            throw new ArgumentError("missing required arguments: " + String.join(", ", missing));
        }
        for (List<String> group : spec.mutuallyExclusive()) {
            List<String> present = group.stream().filter(given::contains).toList();
            if (present.size() > 1) {
                throw new ArgumentError("parameters are mutually exclusive: " + String.join("|", group));
            }
        }
        for (List<String> group : spec.requiredOneOf()) {
            if (group.stream().noneMatch(given::contains)) {
                throw new ArgumentError("one of the following is required: " + String.join(", ", group));
            }
        }
        return new ModuleArgs(values, given);
    }

    /** Arguments that skip validation, for controller-side actions like debug and set_fact. */
    public static ModuleArgs unchecked(Map<String, Object> raw) {
        return new ModuleArgs(new LinkedHashMap<>(raw), raw.keySet());
    }

    private static Object convert(Arg arg, Object value) {
        switch (arg.type()) {
            case BOOL:
                return toBool(arg.name(), value);
            case INT:
                if (value instanceof Number n) {
                    return n.longValue();
                }
                try {
                    return Long.parseLong(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw new ArgumentError("argument '" + arg.name() + "' is of type " + value.getClass().getSimpleName()
                            + " and we were unable to convert to int: " + value);
                }
            case STR:
            case PATH:
                if (value instanceof Map || value instanceof List) {
                    throw new ArgumentError("argument '" + arg.name() + "' is of type " + typeName(value)
                            + " and we were unable to convert to str");
                }
                return pythonText(value);
            case LIST:
                if (value instanceof List<?> list) {
                    return List.copyOf(list);
                }
                String text = String.valueOf(value);
                return text.isEmpty() ? List.of() : List.of(text.split(","));
            default:
                return value;
        }
    }

    /** How Python's str() would write a scalar: module arguments reach Ansible's modules as Python values. */
    private static String pythonText(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    private static String typeName(Object value) {
        return value instanceof Map ? "dict" : value instanceof List ? "list" : value.getClass().getSimpleName();
    }

    /** Ansible's boolean(): yes/on/1/true/y/t and their opposites, in any case. */
    public static boolean toBool(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String word = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return true;
        }
        if (FALSE_WORDS.contains(word)) {
            return false;
        }
        throw new ArgumentError("argument '" + name + "' is of type " + value.getClass().getSimpleName()
                + " and we were unable to convert to bool: The value '" + value + "' is not a valid boolean."
                + " Valid booleans include: 'yes', 'no', 'true', 'false', 'on', 'off', '1', '0'");
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** True when the task itself set this argument, rather than the default. */
    public boolean given(String name) {
        return given.contains(name);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String string(String name) {
        Object value = values.get(name);
        return value == null ? null : String.valueOf(value);
    }

    public boolean bool(String name) {
        Object value = values.get(name);
        return value != null && toBool(name, value);
    }

    public Long integer(String name) {
        Object value = values.get(name);
        return value == null ? null : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object value = values.get(name);
        return value == null ? List.of() : (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> dict(String name) {
        Object value = values.get(name);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    public Map<String, Object> asMap() {
        return values;
    }
}
