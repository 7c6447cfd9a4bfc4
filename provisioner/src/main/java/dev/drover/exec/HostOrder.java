package dev.drover.exec;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A play's {@code order}: the order its hosts are taken in, for the batches of {@code serial}
 * and within each batch, as Ansible's inventory orders them. Sorting is by name, as Python
 * sorts text.
 */
enum HostOrder {
    INVENTORY, REVERSE_INVENTORY, SORTED, REVERSE_SORTED, SHUFFLE;

    /** The play's order; {@code inventory} when it gives none. */
    static HostOrder of(Object value, SourceLocation where) {
        if (value == null) {
            return INVENTORY;
        }
        String name = String.valueOf(value).strip();
        return Arrays.stream(values()).filter(order -> order.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                .orElseThrow(() -> new UserError("Invalid 'order' specified for inventory hosts: " + name, where,
                        "use one of " + Arrays.stream(values()).map(o -> o.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }

    List<String> apply(List<String> hosts) {
        List<String> ordered = new ArrayList<>(hosts);
        switch (this) {
            case INVENTORY -> { }
            case REVERSE_INVENTORY -> Collections.reverse(ordered);
            case SORTED -> ordered.sort(Comparator.naturalOrder());
            case REVERSE_SORTED -> ordered.sort(Comparator.reverseOrder());
            case SHUFFLE -> Collections.shuffle(ordered);
        }
        return List.copyOf(ordered);
    }
}
