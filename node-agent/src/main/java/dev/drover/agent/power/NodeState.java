package dev.drover.agent.power;

import java.util.Locale;

/** What the agent knows of a node's power: it answers, it was put to sleep, it was woken and not yet up, or neither. */
public enum NodeState {
    AWAKE, ASLEEP, WAKING, UNREACHABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
