package dev.drover.agent.power;

import java.util.Optional;

/**
 * One thing that keeps this node awake. {@code busy()} says why the node is busy now, or empty
 * when this signal sees nothing to do. The agent ships the TCP-connection and load signals,
 * and Nomad's allocations on this node ({@link NomadAllocations}) when Nomad is configured;
 * running workflows plug in here later, by adding an implementation to the list
 * {@link PowerManager} is given.
 */
public interface WorkloadSignal {

    String name();

    Optional<String> busy();
}
