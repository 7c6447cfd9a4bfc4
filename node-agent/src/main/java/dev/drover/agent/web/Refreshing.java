package dev.drover.agent.web;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read in the background every few seconds (the node's figures, Docker's containers),
 * so a request never waits for /proc, nvidia-smi or the Docker socket.
 */
final class Refreshing<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Refreshing.class);

    private final Supplier<T> source;
    private volatile T value;

    Refreshing(Supplier<T> source, ScheduledExecutorService timer, long periodSeconds) {
        this.source = source;
        timer.scheduleWithFixedDelay(this::refresh, 0, periodSeconds, TimeUnit.SECONDS);
    }

    /** The latest value, read now if the first background read has not finished yet. */
    T get() {
        T current = value;
        if (current == null) {
            refresh();
            current = value;
        }
        return current;
    }

    private synchronized void refresh() {
        try {
            value = source.get();
        } catch (RuntimeException e) {
            LOG.warn("background refresh failed: {}", e.toString());
        }
    }
}
