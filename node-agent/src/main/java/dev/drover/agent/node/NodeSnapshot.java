package dev.drover.agent.node;

import java.util.List;

/**
 * What the status page shows about this node, read at one moment. Sizes are in MiB ("Mb" in the
 * names, as the API's field names have it); a piece that could not be read is empty or zero.
 *
 * @param load the 1, 5 and 15 minute load averages
 */
public record NodeSnapshot(String hostname, long uptimeSeconds, int cpuCount, String cpuModel,
                           double cpuUsagePercent, long memoryTotalMb, long memoryAvailableMb, List<Disk> disks,
                           double[] load, List<Address> addresses, List<Gpu> gpus) {

    public NodeSnapshot {
        disks = List.copyOf(disks);
        load = load.clone();
        addresses = List.copyOf(addresses);
        gpus = List.copyOf(gpus);
    }

    @Override
    public double[] load() {
        return load.clone();
    }

    /** A mounted block-device file system. */
    public record Disk(String mount, String device, String fstype, long totalMb, long freeMb, double usedPercent) {
    }

    /** One IP address of a network interface, with its prefix length and the interface's MAC. */
    public record Address(String iface, String address, int prefix, String mac) {
    }

    /** An NVIDIA GPU as nvidia-smi reports it. */
    public record Gpu(String name, long memoryTotalMb, long memoryUsedMb, double utilizationPercent) {
    }
}
