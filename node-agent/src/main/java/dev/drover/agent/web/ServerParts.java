package dev.drover.agent.web;

import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.checks.CheckHistory;
import dev.drover.agent.cluster.ConsulState;
import dev.drover.agent.cluster.DockerView;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.node.NodeProbe;
import dev.drover.agent.power.PowerEventLog;
import dev.drover.agent.power.PowerManager;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** What the HTTP server shows and drives, assembled by {@link dev.drover.agent.Agent}. */
public record ServerParts(AgentConfig config, CheckFiles files, CheckHistory history, AuditLog audit,
                          AgentMetrics metrics, NodeProbe node, DockerView docker,
                          Supplier<Optional<ConsulState>> consul, String version, Instant startedAt, String hostName,
                          Optional<PowerManager> power, Optional<PowerEventLog> powerLog,
                          Optional<dev.drover.agent.cluster.NomadView> nomad,
                          dev.drover.agent.workflow.Workflows workflows) {
}
