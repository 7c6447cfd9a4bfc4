package dev.drover.playbook;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code tags:} as a list, a single name, or a comma-separated string. */
final class Tags {

    private Tags() {
    }

    static Set<String> of(Object value) {
        Set<String> tags = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> tags.add(String.valueOf(v).strip()));
        } else if (value != null) {
            for (String tag : String.valueOf(value).split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        }
        return tags;
    }
}
