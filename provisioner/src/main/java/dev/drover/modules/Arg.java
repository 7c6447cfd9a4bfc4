package dev.drover.modules;

import java.util.List;

/** One declared module argument: name, aliases, type, default, whether required, allowed choices. */
public record Arg(String name, List<String> aliases, ArgType type, Object defaultValue, boolean required, List<String> choices) {

    public Arg {
        aliases = List.copyOf(aliases);
        choices = List.copyOf(choices);
    }

    public static Arg of(String name, ArgType type) {
        return new Arg(name, List.of(), type, null, false, List.of());
    }

    public static Arg str(String name) {
        return of(name, ArgType.STR);
    }

    public static Arg path(String name) {
        return of(name, ArgType.PATH);
    }

    public static Arg bool(String name, boolean defaultValue) {
        return new Arg(name, List.of(), ArgType.BOOL, defaultValue, false, List.of());
    }

    public static Arg raw(String name) {
        return of(name, ArgType.RAW);
    }

    public Arg mandatory() {
        return new Arg(name, aliases, type, defaultValue, true, choices);
    }

    public Arg aliases(String... more) {
        return new Arg(name, List.of(more), type, defaultValue, required, choices);
    }

    public Arg defaultsTo(Object value) {
        return new Arg(name, aliases, type, value, required, choices);
    }

    public Arg choices(String... allowed) {
        return new Arg(name, aliases, type, defaultValue, required, List.of(allowed));
    }
}
