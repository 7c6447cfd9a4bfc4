package dev.drover.agent.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Busy while the 1-minute load average (/proc/loadavg) is at or above {@code maxLoad}. */
public final class LoadAverage implements WorkloadSignal {

    private final double maxLoad;
    private final Path file;

    public LoadAverage(double maxLoad) {
        this(maxLoad, Path.of("/proc/loadavg"));
    }

    LoadAverage(double maxLoad, Path file) {
        this.maxLoad = maxLoad;
        this.file = file;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public Optional<String> busy() {
        try {
            double load = Double.parseDouble(Files.readString(file).trim().split("\\s+")[0]);
            return load >= maxLoad ? Optional.of("load " + load + " >= " + maxLoad) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Unknown load must not put a node to sleep.
            return Optional.of("load unknown (" + e.getMessage() + ")");
        }
    }
}
