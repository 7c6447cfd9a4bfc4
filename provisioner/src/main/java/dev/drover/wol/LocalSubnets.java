package dev.drover.wol;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The subnets this machine's own interfaces are on: where a directed broadcast can be sent. */
public record LocalSubnets(List<Subnet> subnets) {

    public LocalSubnets {
        subnets = List.copyOf(subnets);
    }

    /** Every address of every interface that is up, loopback excluded. */
    public static LocalSubnets ofThisMachine() {
        List<Subnet> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    if (a.getAddress() != null && !a.getAddress().isLinkLocalAddress()) {
                        found.add(new Subnet(a.getAddress(), a.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list means no directed broadcast: the limited one and unicast still go.
            return new LocalSubnets(List.of());
        }
        return new LocalSubnets(found);
    }

    /** The most specific local subnet holding the address (longest prefix wins), if any. */
    public Optional<Subnet> containing(InetAddress address) {
        return subnets.stream()
                .filter(s -> s.contains(address))
                .max(Comparator.comparingInt(Subnet::prefixLength));
    }

    /** The IPv4 addresses of this machine, each of which can send a limited broadcast out of its interface. */
    public List<InetAddress> ipv4Addresses() {
        return subnets.stream()
                .map(Subnet::address)
                .filter(a -> a.getAddress().length == 4)
                .toList();
    }
}
