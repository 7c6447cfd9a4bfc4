package dev.drover.agent.power;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the idle decision looks at, read at one moment: what keeps this node busy now
 * ({@code busy}, empty when idle), since when it has been idle, how many other nodes are awake,
 * and when it was last woken.
 */
public record IdleInputs(Instant now, List<String> busy, Optional<Instant> idleSince, boolean controller,
                         int otherNodesAwake, Optional<Instant> lastWoken, boolean alreadySleeping,
                         boolean enabled, Duration after, int minAwakeNodes, Duration cooldown, boolean dryRun) {
    public IdleInputs {
        busy = List.copyOf(busy);
    }
}
