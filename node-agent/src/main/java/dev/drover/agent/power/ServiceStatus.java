package dev.drover.agent.power;

import java.time.Instant;
import java.util.Optional;

/** What the service idle policy shows of one job: running, idle-stopped or starting; since when; whether the agent holds its port; its last event. */
public record ServiceStatus(String job, int port, String state, Instant since, Instant lastActivity, boolean dryRun,
                           boolean portHeld, Optional<PowerEvent> lastEvent) {
}
