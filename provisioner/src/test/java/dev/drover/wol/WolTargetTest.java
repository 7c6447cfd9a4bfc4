package dev.drover.wol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where packets go, with a sink that records: nothing in this test touches the network. */
class WolTargetTest {

    private static final MacAddress MAC = MacAddress.parse("02:77:00:00:00:06");
    private static final InetAddress LAB6 = Subnet.literal("10.77.0.16");
    private static final LocalSubnets CONTROLLER = new LocalSubnets(List.of(
            Subnet.parse("192.168.1.20/24"), Subnet.parse("10.77.0.2/24"), Subnet.parse("10.0.0.5/8")));

    record Sent(Optional<InetAddress> source, InetSocketAddress destination, byte[] payload) {
    }

    @Test
    void directedBroadcastComesFromAddressAndPrefix() {
        assertThat(Subnet.parse("10.77.0.2/24").directedBroadcast()).contains(Subnet.literal("10.77.0.255"));
        assertThat(Subnet.parse("192.168.17.130/25").directedBroadcast()).contains(Subnet.literal("192.168.17.255"));
        assertThat(Subnet.parse("172.16.5.9/12").directedBroadcast()).contains(Subnet.literal("172.31.255.255"));
        assertThat(Subnet.parse("10.1.2.3/30").directedBroadcast()).contains(Subnet.literal("10.1.2.3"));
        assertThat(Subnet.parse("10.1.2.3/31").directedBroadcast()).isEmpty();
        assertThat(Subnet.parse("fd00::1/64").directedBroadcast()).isEmpty();
    }

    @Test
    void subnetContainsByPrefix() {
        Subnet lab = Subnet.parse("10.77.0.2/24");
        assertThat(lab.contains(LAB6)).isTrue();
        assertThat(lab.contains(Subnet.literal("10.77.1.16"))).isFalse();
        assertThat(lab.contains(Subnet.literal("fd00::1"))).isFalse();
        assertThat(Subnet.parse("0.0.0.0/0").contains(LAB6)).isTrue();
        assertThatThrownBy(() -> Subnet.parse("10.0.0.1/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Subnet.parse("lab6/24")).hasMessageContaining("not an IP address");
    }

    @Test
    void aHostGetsItsSubnetsBroadcastTheLimitedOneAndItsOwnAddressOnPorts9And7() {
        WakeTarget target = WakeTarget.forHost("lab6", MAC, LAB6, Optional.empty(), Optional.empty(), CONTROLLER);
        // 10.77.0.2/24 is more specific than 10.0.0.5/8: its broadcast is the one.
        assertThat(target.destinations()).extracting(InetAddress::getHostAddress)
                .containsExactly("10.77.0.255", "255.255.255.255", "10.77.0.16");
        assertThat(target.ports()).containsExactly(9, 7);
    }

    @Test
    void wolBroadcastReplacesTheComputedOne() {
        WakeTarget target = WakeTarget.forHost("lab6", MAC, LAB6, Optional.of(Subnet.literal("10.77.0.127")),
                Optional.empty(), CONTROLLER);
        assertThat(target.destinations()).extracting(InetAddress::getHostAddress)
                .containsExactly("10.77.0.127", "255.255.255.255", "10.77.0.16");
    }

    @Test
    void aHostOnNoLocalSubnetGetsTheLimitedBroadcastAndItsAddressOnly() {
        WakeTarget target = WakeTarget.forHost("far", MAC, Subnet.literal("203.0.113.7"), Optional.empty(),
                Optional.empty(), new LocalSubnets(List.of(Subnet.parse("10.77.0.2/24"))));
        assertThat(target.destinations()).extracting(InetAddress::getHostAddress)
                .containsExactly("255.255.255.255", "203.0.113.7");
    }

    @Test
    void aBareMacGoesToTheGivenBroadcastAndTheLimitedOne() {
        assertThat(WakeTarget.forMac(MAC, Optional.empty(), Optional.empty()).destinations())
                .extracting(InetAddress::getHostAddress).containsExactly("255.255.255.255");
        WakeTarget target = WakeTarget.forMac(MAC, Optional.of(Subnet.literal("255.255.255.255")), Optional.empty());
        assertThat(target.destinations()).hasSize(1); // no repeats
        assertThat(target.name()).isEqualTo("02:77:00:00:00:06");
    }

    @Test
    void portsCanBeReplacedAndMustBeValid() {
        WakeTarget target = WakeTarget.forMac(MAC, Optional.empty(), Optional.empty()).withPorts(List.of(4000));
        assertThat(target.ports()).containsExactly(4000);
        assertThatThrownBy(() -> target.withPorts(List.of(0))).hasMessageContaining("not a UDP port: 0");
        assertThatThrownBy(() -> WakeTarget.forMac(MAC, Optional.empty(), Optional.of(new byte[3])))
                .hasMessageContaining("4 or 6 bytes");
    }

    @Test
    void senderSendsEveryDestinationOnEveryPortFromTheControllersAddressOnTheSubnet() throws IOException {
        List<Sent> sent = new ArrayList<>();
        WakeSender sender = new WakeSender((s, d, p) -> sent.add(new Sent(s, d, p)), () -> CONTROLLER);
        WakeTarget target = WakeTarget.forHost("lab6", MAC, LAB6, Optional.empty(), Optional.of(new byte[] {1, 2, 3, 4}), CONTROLLER);

        List<SentPacket> report = sender.send(target);

        assertThat(sent).extracting(s -> s.destination().getAddress().getHostAddress() + ":" + s.destination().getPort())
                .containsExactly("10.77.0.255:9", "10.77.0.255:7", "255.255.255.255:9", "255.255.255.255:7",
                        "10.77.0.16:9", "10.77.0.16:7");
        assertThat(sent).allSatisfy(s -> {
            assertThat(s.source()).contains(Subnet.literal("10.77.0.2"));
            assertThat(s.payload()).isEqualTo(MagicPacket.of(MAC, Optional.of(new byte[] {1, 2, 3, 4})));
        });
        assertThat(report).extracting(SentPacket::toString)
                .containsExactly("10.77.0.255:9 (106 bytes)", "10.77.0.255:7 (106 bytes)", "255.255.255.255:9 (106 bytes)",
                        "255.255.255.255:7 (106 bytes)", "10.77.0.16:9 (106 bytes)", "10.77.0.16:7 (106 bytes)");
    }

    @Test
    void aLimitedBroadcastWithoutARouteGoesOutOfEveryInterface() throws IOException {
        List<Sent> sent = new ArrayList<>();
        WakeSender sender = new WakeSender((s, d, p) -> {
            if (s.isEmpty()) {
                throw new SocketException("Network is unreachable");
            }
            sent.add(new Sent(s, d, p));
        }, () -> new LocalSubnets(List.of(Subnet.parse("10.77.0.2/24"), Subnet.parse("10.88.0.2/24"))));

        List<SentPacket> report = sender.send(WakeTarget.forMac(MAC, Optional.empty(), Optional.empty()).withPorts(List.of(9)));

        assertThat(sent).extracting(s -> s.source().orElseThrow().getHostAddress()).containsExactly("10.77.0.2", "10.88.0.2");
        assertThat(report).hasSize(1);
    }

    @Test
    void aFailedDatagramDoesNotStopTheOthersAndIsNamed() {
        WakeSender sender = new WakeSender((s, d, p) -> {
            if (d.getAddress().equals(LAB6)) {
                throw new NoRouteToHostException("No route to host");
            }
        }, () -> CONTROLLER);
        WakeTarget target = WakeTarget.forHost("lab6", MAC, LAB6, Optional.empty(), Optional.empty(), CONTROLLER);

        assertThatThrownBy(() -> sender.send(target))
                .isInstanceOfSatisfying(WakeFailure.class, f -> assertThat(f.sent()).hasSize(4))
                .hasMessage("could not send to 10.77.0.16:9: No route to host, 10.77.0.16:7: No route to host");
    }
}
