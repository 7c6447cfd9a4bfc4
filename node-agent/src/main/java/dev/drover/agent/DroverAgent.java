package dev.drover.agent;

/**
 * {@code drover-agent}, the daemon for every node. Its services (health checks, status page
 * and REST API, power management, workflows) are being built; until then it says so
 * rather than pretending to run.
 */
public final class DroverAgent {

    private DroverAgent() {
    }

    public static void main(String[] args) {
        System.err.println("drover-agent 0.1.0: the agent's services are not built yet (see docs/architecture.md).");
        System.exit(2);
    }
}
