package dev.drover.agent.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One container as `docker ps -a` shows it.
 *
 * @param state  Docker's state: created, running, paused, restarting, exited, dead
 * @param status Docker's human status, e.g. "Up 3 minutes (healthy)"
 * @param health healthy, unhealthy or starting; "none" when the image has no healthcheck
 * @param ports  published ports as "0.0.0.0:8080->80/tcp", or "80/tcp" when not published
 */
public record ContainerInfo(String id, String name, String image, String state, String status, String health,
                            Instant created, List<String> ports) {

    public ContainerInfo {
        ports = List.copyOf(ports);
    }
}
