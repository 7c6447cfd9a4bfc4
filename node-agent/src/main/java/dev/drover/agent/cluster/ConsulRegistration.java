package dev.drover.agent.cluster;

import dev.drover.agent.config.AgentConfig;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kiwiproject.consul.AgentClient;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.agent.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the agent as a Consul service with an HTTP check on /healthz, and deregisters it
 * on shutdown. Consul being down never stops the agent: registration happens in the
 * background, one warning is logged when Consul goes away (not one per retry), the panel
 * turns grey, and the agent re-registers when Consul is back (also after a Consul restart
 * that lost the registration).
 */
public final class ConsulRegistration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsulRegistration.class);

    private final AgentConfig.Consul config;
    private final AgentClient agent;
    private final Registration registration;
    private final ScheduledExecutorService timer;
    private volatile ConsulState state;
    private boolean warned;

    public ConsulRegistration(AgentConfig.Consul config, String hostName, String checkUrl) {
        this.config = config;
        this.agent = Consul.builder().withUrl(config.address()).withPing(false)
                .withConnectTimeoutMillis(2000).withReadTimeoutMillis(5000).withWriteTimeoutMillis(5000)
                .build().agentClient();
        String serviceId = config.serviceName() + "-" + hostName;
        long intervalSeconds = Math.max(1, config.checkInterval().toSeconds());
        ImmutableRegistration.Builder builder = ImmutableRegistration.builder()
                .id(serviceId)
                .name(config.serviceName())
                .port(portOf(checkUrl))
                .tags(config.tags())
                .putMeta("hostname", hostName)
                .check(ImmutableRegCheck.builder()
                        .http(checkUrl)
                        .interval(intervalSeconds + "s")
                        .timeout(Math.max(1, intervalSeconds / 2) + "s")
                        .notes("drover-agent /healthz: 200 when every health check passes")
                        .build());
        config.serviceAddress().ifPresent(builder::address);
        this.registration = builder.build();
        this.state = new ConsulState(false, "not registered yet", false, config.address(), serviceId);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "consul-registration");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        long period = Math.max(2, config.checkInterval().toSeconds());
        timer.scheduleWithFixedDelay(this::ensureRegistered, 0, period, TimeUnit.SECONDS);
    }

    public ConsulState state() {
        return state;
    }

    private void ensureRegistered() {
        try {
            if (!state.registered() || !agent.isRegistered(registration.getId())) {
                agent.register(registration);
                LOG.info("registered with Consul at {} as service {} (id {})", config.address(), config.serviceName(), registration.getId());
            }
            state = new ConsulState(true, null, true, config.address(), registration.getId());
            warned = false;
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!warned) {
                LOG.warn("Consul at {} is not reachable ({}); the agent keeps serving and retries the registration every {} s",
                        config.address(), why, Math.max(2, config.checkInterval().toSeconds()));
                warned = true;
            }
            state = new ConsulState(false, why, false, config.address(), registration.getId());
        }
    }

    /** Takes the service out of Consul; called on shutdown (SIGTERM from systemd included). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            agent.deregister(registration.getId());
            LOG.info("deregistered {} from Consul", registration.getId());
        } catch (RuntimeException e) {
            LOG.warn("could not deregister {} from Consul at {}: {}", registration.getId(), config.address(), e.getMessage());
        }
    }

    private static int portOf(String url) {
        return java.net.URI.create(url).getPort();
    }
}
