package dev.drover.agent.cluster;

import java.util.List;

/**
 * What the page shows of Nomad: this node as Nomad knows it, the allocations placed on it and
 * the cluster's jobs; or why Nomad could not be read ({@code available} false, {@code error}).
 * {@code configured} false when the agent has no {@code nomad:} section.
 */
public record NomadSnapshot(boolean configured, boolean available, String error, NodeInfo node,
                            List<AllocationInfo> allocations, List<JobInfo> jobs) {

    public NomadSnapshot {
        allocations = List.copyOf(allocations);
        jobs = List.copyOf(jobs);
    }

    public static NomadSnapshot notConfigured() {
        return new NomadSnapshot(false, false, "not configured", null, List.of(), List.of());
    }

    public static NomadSnapshot unavailable(String error) {
        return new NomadSnapshot(true, false, error, null, List.of(), List.of());
    }

    /** This node in Nomad; null in a snapshot when Nomad has no node of this agent's name. */
    public record NodeInfo(String id, String name, String status, String nodeClass, String datacenter, String eligibility) {
    }

    /** One task of an allocation and its state (pending, running, dead), with failed and restarts. */
    public record TaskInfo(String name, String state, boolean failed, int restarts) {
    }

    public record AllocationInfo(String id, String name, String jobId, String jobType, String taskGroup,
                                 String desiredStatus, String clientStatus, List<TaskInfo> tasks) {
        public AllocationInfo {
            tasks = List.copyOf(tasks);
        }

        /** Placed to run and not finished: what keeps a node busy. */
        public boolean live() {
            return desiredStatus.equals("run") && (clientStatus.equals("running") || clientStatus.equals("pending"));
        }
    }

    public record JobInfo(String id, String name, String type, String status, int priority, boolean parameterized,
                          String parentId) {
    }
}
