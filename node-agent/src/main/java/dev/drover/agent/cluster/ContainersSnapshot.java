package dev.drover.agent.cluster;

import java.util.List;

/**
 * The containers on this node, or why they could not be listed.
 *
 * @param available false when Docker is not installed, not running or not answering
 * @param error     a short reason when not available ({@link #NOT_CONFIGURED} when agent.yml turns
 *                  Docker off), otherwise null
 */
public record ContainersSnapshot(boolean available, String error, List<ContainerInfo> containers) {

    public ContainersSnapshot {
        containers = List.copyOf(containers);
    }

    /** The error of a node whose agent.yml says {@code docker: {enabled: false}}. */
    public static final String NOT_CONFIGURED = "not configured";

    public static ContainersSnapshot unavailable(String error) {
        return new ContainersSnapshot(false, error, List.of());
    }
}
