package dev.drover.modules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's declared arguments, plus the rules between them (mutually exclusive,
 * required together, required one of). Validation messages follow Ansible's wording so
 * people recognise them.
 */
public record ArgSpec(List<Arg> args, List<List<String>> mutuallyExclusive, List<List<String>> requiredOneOf,
                      boolean freeForm) {

    public ArgSpec {
        args = List.copyOf(args);
        mutuallyExclusive = mutuallyExclusive.stream().map(List::copyOf).toList();
        requiredOneOf = requiredOneOf.stream().map(List::copyOf).toList();
    }

    public static ArgSpec of(Arg... args) {
        return new ArgSpec(List.of(args), List.of(), List.of(), false);
    }

    /** Modules like command and shell take a free-form string as {@code _raw_params}. */
    public ArgSpec withFreeForm() {
        return new ArgSpec(args, mutuallyExclusive, requiredOneOf, true);
    }

    public ArgSpec mutuallyExclusive(String... names) {
        List<List<String>> more = new ArrayList<>(mutuallyExclusive);
        more.add(List.of(names));
        return new ArgSpec(args, more, requiredOneOf, freeForm);
    }

    public ArgSpec requiredOneOf(String... names) {
        List<List<String>> more = new ArrayList<>(requiredOneOf);
        more.add(List.of(names));
        return new ArgSpec(args, mutuallyExclusive, more, freeForm);
    }

    /** Canonical name for {@code key}, following aliases; null when the module does not take it. */
    public Arg find(String key) {
        for (Arg arg : args) {
            if (arg.name().equals(key) || arg.aliases().contains(key)) {
                return arg;
            }
        }
        return null;
    }

    /** Names and aliases, as Ansible lists them in "Supported parameters include: ...". */
    public List<String> supportedNames() {
        List<String> names = new ArrayList<>();
        for (Arg arg : args) {
            StringBuilder name = new StringBuilder(arg.name());
            if (!arg.aliases().isEmpty()) {
                name.append(" (").append(String.join(", ", arg.aliases())).append(')');
            }
            names.add(name.toString());
        }
        names.sort(String::compareTo);
        return names;
    }

    Map<String, Arg> byName() {
        Map<String, Arg> map = new LinkedHashMap<>();
        args.forEach(a -> map.put(a.name(), a));
        return map;
    }
}
