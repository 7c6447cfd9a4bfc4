package dev.drover.agent.web;

import dev.drover.agent.config.Role;
import java.util.Optional;

/** Who made a request: a configured token's name and role, or nobody (anonymous). */
public record Caller(String name, Optional<Role> role) {

    public static final Caller ANONYMOUS = new Caller("anonymous", Optional.empty());

    public boolean may(Role needed) {
        return role.map(r -> r.allows(needed)).orElse(false);
    }
}
