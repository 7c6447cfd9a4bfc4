package dev.drover.agent.power;

import dev.drover.agent.config.PowerConfig;
import dev.drover.nomad.NomadClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service idle policy of every job in power.services, each checked on its own interval. */
final class ServiceIdlePolicy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceIdlePolicy.class);

    private final List<ServiceIdle> services;
    private final List<PowerConfig.Service> configs;
    private final ScheduledExecutorService timer;

    ServiceIdlePolicy(List<PowerConfig.Service> configs, String node, NomadClient nomad, PortPeers peers,
                      Consumer<PowerEvent> record) {
        this.configs = List.copyOf(configs);
        this.services = configs.stream().map(s -> new ServiceIdle(s, node, nomad, peers, record)).toList();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "service-idle");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        for (int i = 0; i < services.size(); i++) {
            ServiceIdle service = services.get(i);
            long every = configs.get(i).checkInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> {
                try {
                    service.check(Instant.now());
                } catch (RuntimeException e) {
                    LOG.warn("service idle check failed: {}", e.toString());
                }
            }, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    List<ServiceStatus> statuses() {
        return services.stream().map(ServiceIdle::status).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        services.forEach(ServiceIdle::close);
    }
}
