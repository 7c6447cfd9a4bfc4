package dev.drover.agent.power;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A node's power state and how it got there. {@code sleepRequested} remembers that this agent
 * put the node to sleep (so silence means asleep, not unreachable); {@code wakeSentAt} that it
 * was woken (so silence means still waking, until the wake timeout).
 */
public record NodeStatus(String name, boolean controller, NodeState state, Instant since, boolean sleepRequested,
                         Optional<Instant> wakeSentAt, Optional<Instant> lastWoken, Optional<PowerEvent> lastEvent) {

    public static NodeStatus initial(String name, boolean controller, Instant now) {
        return new NodeStatus(name, controller, NodeState.UNREACHABLE, now, false, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    NodeStatus in(NodeState next, Instant now) {
        return next == state ? this : new NodeStatus(name, controller, next, now, sleepRequested, wakeSentAt, lastWoken, lastEvent);
    }

    NodeStatus sleeping(Instant now) {
        return new NodeStatus(name, controller, state, since, true, Optional.empty(), lastWoken, lastEvent);
    }

    NodeStatus waking(Instant now) {
        return new NodeStatus(name, controller, NodeState.WAKING, state == NodeState.WAKING ? since : now, false,
                Optional.of(wakeSentAt.orElse(now)), lastWoken, lastEvent);
    }

    NodeStatus withEvent(PowerEvent event) {
        return new NodeStatus(name, controller, state, since, sleepRequested, wakeSentAt, lastWoken, Optional.of(event));
    }

    /**
     * The next status after a probe: pure, so the state rules are tested without a network.
     * Answering makes a node awake (and ends a wake, whose duration {@link ProbeOutcome} carries);
     * silence is asleep after a sleep this agent asked for, waking until the wake timeout,
     * unreachable otherwise.
     */
    ProbeOutcome afterProbe(boolean answered, Instant now, Duration wakeTimeout) {
        if (answered) {
            if (wakeSentAt.isPresent()) {
                Duration took = Duration.between(wakeSentAt.get(), now);
                NodeStatus up = new NodeStatus(name, controller, NodeState.AWAKE, now, false, Optional.empty(),
                        Optional.of(now), lastEvent);
                return new ProbeOutcome(up, Optional.of(took), false);
            }
            if (sleepRequested && state == NodeState.ASLEEP) {
                // It came back by itself (or someone pressed its power button): the sleep is over.
                return new ProbeOutcome(new NodeStatus(name, controller, NodeState.AWAKE, now, false, Optional.empty(),
                        lastWoken, lastEvent), Optional.empty(), false);
            }
            return new ProbeOutcome(in(NodeState.AWAKE, now), Optional.empty(), false);
        }
        if (wakeSentAt.isPresent()) {
            if (Duration.between(wakeSentAt.get(), now).compareTo(wakeTimeout) > 0) {
                NodeStatus lost = new NodeStatus(name, controller, NodeState.UNREACHABLE, now, false, Optional.empty(),
                        lastWoken, lastEvent);
                return new ProbeOutcome(lost, Optional.empty(), true);
            }
            return new ProbeOutcome(in(NodeState.WAKING, now), Optional.empty(), false);
        }
        return new ProbeOutcome(in(sleepRequested ? NodeState.ASLEEP : NodeState.UNREACHABLE, now), Optional.empty(), false);
    }

    /** A probe's result: the new status, the wake's duration when it just ended, whether a wake timed out. */
    record ProbeOutcome(NodeStatus status, Optional<Duration> wakeEnded, boolean wakeTimedOut) {
    }
}
