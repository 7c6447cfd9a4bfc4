package dev.drover.agent.cluster;

import java.util.List;

/**
 * The containers on this node, or why they could not be listed.
 *
 * @param available false when Docker is not installed, not running or not answering
 * @param error     a short reason when not available, otherwise null
 */
public record ContainersSnapshot(boolean available, String error, List<ContainerInfo> containers) {

    public ContainersSnapshot {
        containers = List.copyOf(containers);
    }

    public static ContainersSnapshot unavailable(String error) {
        return new ContainersSnapshot(false, error, List.of());
    }
}
