package dev.drover.agent.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The remote ends (address:port, as the kernel writes them in hex) of the TCP connections to one
 * local port, from /proc/net/tcp and tcp6: established ones and those still in SYN_RECV. A
 * remote end not seen at the previous reading is a new connection, which is what the service
 * idle policy counts.
 */
public final class PortPeers {

    private static final String ESTABLISHED = "01";
    private static final String SYN_RECV = "03";

    private final List<Path> tables;

    public PortPeers() {
        this(List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")));
    }

    PortPeers(List<Path> tables) {
        this.tables = List.copyOf(tables);
    }

    /** The peers of {@code port} now; a table that cannot be read (no IPv6) adds none. */
    public Set<String> read(int port) {
        Set<String> peers = new HashSet<>();
        for (Path table : tables) {
            try {
                peers.addAll(parse(Files.readAllLines(table), port));
            } catch (IOException e) {
                // tcp6 is missing on a kernel without IPv6: nothing to count there
            }
        }
        return peers;
    }

    /** Pure: the remote ends of established or half-open connections whose local port is {@code port}. */
    static Set<String> parse(List<String> lines, int port) {
        Set<String> peers = new HashSet<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !(f[3].equals(ESTABLISHED) || f[3].equals(SYN_RECV))) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            if (colon < 0 || f[2].indexOf(':') < 0) {
                continue;
            }
            try {
                if (Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                    peers.add(f[2]);
                }
            } catch (NumberFormatException e) {
                // the header line ("sl local_address ...") or junk
            }
        }
        return peers;
    }
}
