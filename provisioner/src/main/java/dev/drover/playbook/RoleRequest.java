package dev.drover.playbook;

import java.util.Map;

/**
 * What an include_role or import_role asks for: the role and which of its files to read
 * instead of main ({@code tasks_from}, {@code vars_from}, {@code defaults_from},
 * {@code handlers_from}), and whether the role may run again with the same parameters.
 */
public record RoleRequest(String name, String tasksFrom, String varsFrom, String defaultsFrom, String handlersFrom,
                          boolean allowDuplicates) {

    /** Reads the arguments of an include_role / import_role task. */
    public static RoleRequest of(Map<String, Object> args) {
        Object name = args.containsKey("name") ? args.get("name") : args.get("role");
        return new RoleRequest(name == null ? null : String.valueOf(name).strip(), text(args.get("tasks_from")),
                text(args.get("vars_from")), text(args.get("defaults_from")), text(args.get("handlers_from")),
                !args.containsKey("allow_duplicates") || truthy(args.get("allow_duplicates")));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    private static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return java.util.Set.of("yes", "true", "on", "1", "y").contains(String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT));
    }
}
