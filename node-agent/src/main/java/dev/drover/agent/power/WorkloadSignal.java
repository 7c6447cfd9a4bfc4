package dev.drover.agent.power;

import java.util.Optional;

/**
 * One thing that keeps this node awake. {@code busy()} says why the node is busy now, or empty
 * when this signal sees nothing to do. The agent ships the TCP-connection and load signals;
 * running workflows and Nomad allocations plug in here when the agent gains them (later
 * issues), by adding an implementation to the list {@link PowerManager} is given.
 */
public interface WorkloadSignal {

    String name();

    Optional<String> busy();
}
