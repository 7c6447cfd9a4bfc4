package dev.drover.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the agent is told by its config file, with every default filled in, so the
 * rest of the agent never asks "was this set?".
 */
public record AgentConfig(String bind, int port, Path dataDir, List<CheckFileConfig> checks,
                          Map<String, Object> vars, Duration healthzCache, History history, Auth auth,
                          RateLimit rateLimit, Optional<Tls> tls, Optional<Consul> consul, Optional<String> dockerHost,
                          Optional<PowerConfig> power, Optional<Nomad> nomad,
                          Workflows workflows) {

    public static final int DEFAULT_PORT = 8700;

    public AgentConfig {
        checks = List.copyOf(checks);
        vars = Map.copyOf(vars);
    }

    public AgentConfig withListen(String newBind, int newPort) {
        return new AgentConfig(newBind, newPort, dataDir, checks, vars, healthzCache, history, auth, rateLimit,
                tls, consul, dockerHost, power, nomad, workflows);
    }

    /**
     * Where workflow files are ({@code *.yml}), how many finished runs are kept, and how many
     * steps of all runs together may work at once (approvals waiting do not count).
     */
    public record Workflows(Path dir, int keepRuns, int parallelism, Breakers breakers) {
    }

    /**
     * The circuit breakers in front of external endpoints (http and llm steps): open after
     * {@code failures} consecutive failures, one trial call after {@code coolDown}; {@code endpoints}
     * holds per-server overrides, keyed scheme://host:port.
     */
    public record Breakers(int failures, Duration coolDown, Map<String, Breaker> endpoints) {
        public Breakers {
            endpoints = Map.copyOf(endpoints);
        }
    }

    public record Breaker(int failures, Duration coolDown) {
    }

    /** Runs kept per check file: at most {@code maxRunsPerFile}, none older than {@code maxAge}. */
    public record History(int maxRunsPerFile, Duration maxAge) {
    }

    /** Who may do what; {@code readOpen} lets anyone read the page and the GET APIs. */
    public record Auth(boolean readOpen, List<ApiToken> tokens, List<String> allowedOrigins) {
        public Auth {
            tokens = List.copyOf(tokens);
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /** A token bucket per client address; {@code requestsPerSecond} 0 turns the limit off. */
    public record RateLimit(double requestsPerSecond, int burst) {
        public boolean enabled() {
            return requestsPerSecond > 0;
        }
    }

    /** Where Nomad is, and this node's name among Nomad's nodes (default: the hostname). */
    public record Nomad(dev.drover.nomad.NomadSettings settings, String nodeName) {
    }

    public record Tls(Path certificate, Path privateKey) {
    }

    /** Registration of this agent as a Consul service with an HTTP check on /healthz. */
    public record Consul(String address, String serviceName, List<String> tags, Duration checkInterval,
                         Optional<String> serviceAddress) {
        public Consul {
            tags = List.copyOf(tags);
        }
    }
}
