package dev.drover.agent.config;

import java.util.Locale;
import java.util.Optional;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> named(String name) {
        for (Role role : values()) {
            if (role.label().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
