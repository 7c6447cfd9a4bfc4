package dev.drover.agent.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Busy while an established TCP connection has a local port in the watched set (/proc/net/tcp and tcp6). */
public final class TcpConnections implements WorkloadSignal {

    private static final String ESTABLISHED = "01";

    private final Set<Integer> ports;
    private final List<Path> tables;

    public TcpConnections(Set<Integer> ports) {
        this(ports, List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")));
    }

    TcpConnections(Set<Integer> ports, List<Path> tables) {
        this.ports = Set.copyOf(ports);
        this.tables = List.copyOf(tables);
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public Optional<String> busy() {
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        for (Path table : tables) {
            try {
                for (String line : Files.readAllLines(table)) {
                    established(line).filter(ports::contains).ifPresent(p -> found.add(String.valueOf(p)));
                }
            } catch (IOException e) {
                // tcp6 is missing on a kernel without IPv6: nothing to count there
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.size() + " connection" + (found.size() == 1 ? "" : "s") + " on port "
                + String.join(", ", new java.util.TreeSet<>(found)));
    }

    /** The local port of an established connection's line ("  0: 0100007F:1F90 0100007F:D2A4 01 ..."), else empty. */
    static Optional<Integer> established(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !f[3].equals(ESTABLISHED)) {
            return Optional.empty();
        }
        int colon = f[1].lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(f[1].substring(colon + 1), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
