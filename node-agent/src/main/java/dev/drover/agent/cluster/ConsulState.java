package dev.drover.agent.cluster;

/** How the agent stands with Consul, for the status page's panel. */
public record ConsulState(boolean available, String error, boolean registered, String address, String serviceId) {
}
