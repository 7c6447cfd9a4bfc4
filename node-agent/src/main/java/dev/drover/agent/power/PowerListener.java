package dev.drover.agent.power;

import java.util.List;

/** Told of every power event and of every change in the nodes' states (metrics, the live page). */
public interface PowerListener {

    void event(PowerEvent event);

    default void states(List<NodeStatus> nodes) {
    }
}
