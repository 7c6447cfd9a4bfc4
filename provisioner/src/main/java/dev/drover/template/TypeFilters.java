package dev.drover.template;

import java.util.List;

/** Defaults, conversions between types, and numbers: default, mandatory, bool, int, float, string, ternary, round, abs. */
final class TypeFilters {

    private TypeFilters() {}

    static List<AnsibleFilter> all() {
        AnsibleFilter.Body byDefault = TypeFilters::defaultValue;
        return List.of(
                AnsibleFilter.acceptingUndefined("default", byDefault),
                AnsibleFilter.acceptingUndefined("d", byDefault),
                AnsibleFilter.acceptingUndefined("mandatory", TypeFilters::mandatory),
                AnsibleFilter.of("bool", (v, a) -> Truthiness.toBool(v)),
                AnsibleFilter.of("int", (v, a) -> Numbers.toInt(v, a.get(0, "default", 0), a.integer(1, "base", 10))),
                AnsibleFilter.of("float", (v, a) -> Numbers.toFloat(v, a.get(0, "default", 0.0))),
                AnsibleFilter.producingText("string", (v, a) -> PythonRepr.str(v)),
                AnsibleFilter.of("ternary", TypeFilters::ternary),
                AnsibleFilter.of("type_debug", (v, a) -> typeDebug(v)),
                AnsibleFilter.of("abs", (v, a) -> abs(v)),
                AnsibleFilter.of("round", (v, a) -> Numbers.round(v, a.integer(0, "precision", 0), a.string(1, "method", "common"))));
    }

    private static Object defaultValue(Object value, FilterArgs args) {
        Object fallback = args.get(0, "default_value", "");
        boolean useForFalsy = args.bool(1, "boolean", false);
        if (value instanceof Undefined) {
            return fallback;
        }
        if (useForFalsy && !Truthiness.of(value)) {
            return fallback;
        }
        return value;
    }

    private static Object mandatory(Object value, FilterArgs args) {
        if (value instanceof Undefined undefined) {
            Object msg = args.get(0, "msg", null);
            if (msg != null) {
                throw new RenderFailure(PythonRepr.str(msg));
            }
            // Two spaces after the name, exactly as Ansible words it.
            String name = undefined.name() == null ? "" : "'" + undefined.name() + "' ";
            throw new RenderFailure("Mandatory variable " + name + " not defined.");
        }
        return value;
    }

    private static Object ternary(Object value, FilterArgs args) {
        Object whenTrue = args.required(0, "true_val");
        Object whenFalse = args.required(1, "false_val");
        Object whenNone = args.get(2, "none_val", null);
        if (value == null && whenNone != null) {
            return whenNone;
        }
        return Truthiness.of(value) ? whenTrue : whenFalse;
    }

    private static Object abs(Object value) {
        if (Numbers.isInteger(value)) {
            return Numbers.normalize(new java.math.BigInteger(value.toString()).abs());
        }
        return Math.abs(Numbers.asDouble(value));
    }

    static String typeDebug(Object value) {
        if (value instanceof LazyMap || value instanceof java.util.Map) {
            return "dict";
        }
        if (Tuples.isTuple(value)) {
            return "tuple";
        }
        if (value instanceof java.util.List) {
            return "list";
        }
        if (value instanceof String) {
            return "str";
        }
        return PythonRepr.typeName(value);
    }
}
