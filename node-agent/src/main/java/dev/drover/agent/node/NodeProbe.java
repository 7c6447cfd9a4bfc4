package dev.drover.agent.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads this node from /proc, the mounted file systems and (when installed) nvidia-smi. Every
 * piece is read on its own and a piece that cannot be read is left empty, so the page always gets
 * a snapshot. The parsers are pure functions of the text, tested with sample files.
 */
public final class NodeProbe {

    private static final long MIB = 1024L * 1024L;

    private final Path proc;
    private final AtomicReference<CpuTimes> lastCpu = new AtomicReference<>();

    public NodeProbe() {
        this(Path.of("/proc"));
    }

    NodeProbe(Path proc) {
        this.proc = proc;
    }

    public NodeSnapshot read() {
        String cpuinfo = text("cpuinfo");
        long[] memory = parseMemInfo(text("meminfo"));
        return new NodeSnapshot(hostname(), parseUptimeSeconds(text("uptime")),
                Math.max(parseCpuCount(cpuinfo), Runtime.getRuntime().availableProcessors()),
                parseCpuModel(cpuinfo), cpuUsagePercent(), memory[0], memory[1], disks(),
                parseLoad(text("loadavg")), addresses(), gpus());
    }

    private String hostname() {
        String name = text("sys/kernel/hostname").trim();
        if (!name.isEmpty()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU busy time since the previous read; the first read takes a short sample of its own so it
     * never shows a since-boot average.
     */
    private double cpuUsagePercent() {
        CpuTimes now = CpuTimes.parse(text("stat"));
        CpuTimes before = lastCpu.getAndSet(now);
        if (before == null) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            before = now;
            now = CpuTimes.parse(text("stat"));
            lastCpu.set(now);
        }
        return now.busyPercentSince(before);
    }

    private List<NodeSnapshot.Disk> disks() {
        List<NodeSnapshot.Disk> disks = new ArrayList<>();
        for (Mount mount : parseMounts(text("mounts"))) {
            try {
                FileStore store = Files.getFileStore(Path.of(mount.mountPoint()));
                long total = store.getTotalSpace() / MIB;
                long used = total - store.getUnallocatedSpace() / MIB;
                long free = store.getUsableSpace() / MIB;
                if (total > 0) {
                    disks.add(new NodeSnapshot.Disk(mount.mountPoint(), mount.device(), mount.fstype(), total, free,
                            usedPercent(used, free)));
                }
            } catch (IOException | RuntimeException e) {
                // unreadable mount (permissions, a hung network file system): left out
            }
        }
        return disks;
    }

    private static List<NodeSnapshot.Address> addresses() {
        List<NodeSnapshot.Address> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback() || !nic.isUp()) {
                    continue;
                }
                String mac = nic.getHardwareAddress() == null ? ""
                        : HexFormat.ofDelimiter(":").formatHex(nic.getHardwareAddress());
                for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                    // link-local IPv6 is on every interface (and every container veth) and reaches nothing
                    if (address.getAddress().isLinkLocalAddress()) {
                        continue;
                    }
                    String ip = compactAddress(address.getAddress().getHostAddress());
                    addresses.add(new NodeSnapshot.Address(nic.getName(), ip, address.getNetworkPrefixLength(), mac));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no interfaces readable: the page shows none
        }
        addresses.sort((a, b) -> a.iface().equals(b.iface())
                ? Boolean.compare(a.address().contains(":"), b.address().contains(":"))
                : a.iface().compareTo(b.iface()));
        return addresses;
    }

    private static List<NodeSnapshot.Gpu> gpus() {
        Optional<Path> smi = findOnPath("nvidia-smi");
        if (smi.isEmpty()) {
            return List.of();
        }
        try {
            Process process = new ProcessBuilder(smi.get().toString(),
                    "--query-gpu=name,memory.total,memory.used,utilization.gpu", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return List.of();
            }
            return parseGpus(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static Optional<Path> findOnPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private String text(String name) {
        try {
            return Files.readString(proc.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    // ---- pure parsers of /proc text and nvidia-smi output ----

    static long parseUptimeSeconds(String uptime) {
        String[] fields = uptime.trim().split("\\s+");
        try {
            return (long) Double.parseDouble(fields[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double[] parseLoad(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        double[] load = new double[3];
        for (int i = 0; i < 3 && i < fields.length; i++) {
            try {
                load[i] = Double.parseDouble(fields[i]);
            } catch (NumberFormatException e) {
                load[i] = 0;
            }
        }
        return load;
    }

    static int parseCpuCount(String cpuinfo) {
        return (int) cpuinfo.lines().filter(line -> line.matches("processor\\s*:.*")).count();
    }

    /** The first "model name" (x86) or "Model"/"Hardware" line (ARM boards); "" when absent. */
    static String parseCpuModel(String cpuinfo) {
        for (String key : List.of("model name", "Model", "Hardware", "cpu model")) {
            for (String line : cpuinfo.lines().toList()) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                }
            }
        }
        return "";
    }

    /** MemTotal and MemAvailable in MiB (MemFree + Cached on old kernels without MemAvailable). */
    static long[] parseMemInfo(String meminfo) {
        long total = 0;
        long available = -1;
        long free = 0;
        long cached = 0;
        for (String line : meminfo.lines().toList()) {
            String[] fields = line.split("[:\\s]+");
            if (fields.length < 2) {
                continue;
            }
            long kib;
            try {
                kib = Long.parseLong(fields[1]);
            } catch (NumberFormatException e) {
                continue;
            }
            switch (fields[0]) {
                case "MemTotal" -> total = kib;
                case "MemAvailable" -> available = kib;
                case "MemFree" -> free = kib;
                case "Cached" -> cached = kib;
                default -> { }
            }
        }
        long availableKib = available >= 0 ? available : free + cached;
        return new long[] {total / 1024, availableKib / 1024};
    }

    record Mount(String device, String mountPoint, String fstype) {
    }

    /**
     * The file systems worth showing: block devices (and ZFS datasets), each device once (bind
     * mounts and the lab's overlays repeat them), pseudo file systems left out.
     */
    static List<Mount> parseMounts(String mounts) {
        List<Mount> result = new ArrayList<>();
        Set<String> seenDevices = new HashSet<>();
        for (String line : mounts.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3) {
                continue;
            }
            String device = unescapeOctal(fields[0]);
            String fstype = fields[2];
            boolean real = device.startsWith("/dev/") || fstype.equals("zfs");
            if (real && !device.startsWith("/dev/loop") && seenDevices.add(device)) {
                result.add(new Mount(device, unescapeOctal(fields[1]), fstype));
            }
        }
        return result;
    }

    /** /proc/mounts writes space, tab, newline and backslash as \040-style octal escapes. */
    static String unescapeOctal(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<NodeSnapshot.Gpu> parseGpus(String csv) {
        List<NodeSnapshot.Gpu> gpus = new ArrayList<>();
        for (String line : csv.lines().toList()) {
            String[] fields = line.split("\\s*,\\s*");
            if (fields.length < 4) {
                continue;
            }
            try {
                gpus.add(new NodeSnapshot.Gpu(fields[0].trim(), (long) number(fields[1]), (long) number(fields[2]),
                        number(fields[3])));
            } catch (NumberFormatException e) {
                // a line nvidia-smi wrote as an error message, not a GPU
            }
        }
        return gpus;
    }

    /** nvidia-smi writes "[N/A]" or "[Not Supported]" for values a GPU does not report. */
    private static double number(String field) {
        String value = field.trim();
        return value.startsWith("[") ? 0 : Double.parseDouble(value);
    }

    /**
     * An address as `ip addr` writes it: Java spells IPv6 in full ("fd00:0:0:0:0:0:0:2"); the
     * longest run of zero groups becomes "::" (RFC 5952), and a scope suffix is dropped.
     */
    static String compactAddress(String address) {
        String ip = address.replaceFirst("%.*$", "");
        if (!ip.contains(":")) {
            return ip;
        }
        String[] groups = ip.split(":", -1);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].replaceFirst("^0+", "").isEmpty()) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return ip;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /**
     * Used share as df computes it: used / (used + available to users), so blocks reserved for
     * root count neither way and the figure matches `df` and the checks' used_percent.
     */
    static double usedPercent(long usedMb, long freeMb) {
        if (usedMb + freeMb <= 0) {
            return 0;
        }
        return Math.round(1000.0 * usedMb / (usedMb + freeMb)) / 10.0;
    }

    /** The aggregate "cpu" line of /proc/stat: busy and total jiffies. */
    record CpuTimes(long busy, long total) {

        static CpuTimes parse(String stat) {
            for (String line : stat.lines().toList()) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    long idle = 0;
                    // user nice system idle iowait irq softirq steal (guest is already inside user)
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        long v;
                        try {
                            v = Long.parseLong(f[i]);
                        } catch (NumberFormatException e) {
                            return new CpuTimes(0, 0);
                        }
                        total += v;
                        if (i == 4 || i == 5) {
                            idle += v;
                        }
                    }
                    return new CpuTimes(total - idle, total);
                }
            }
            return new CpuTimes(0, 0);
        }

        double busyPercentSince(CpuTimes before) {
            long total = this.total - before.total;
            if (total <= 0) {
                return 0;
            }
            return Math.round(1000.0 * (this.busy - before.busy) / total) / 10.0;
        }
    }
}
