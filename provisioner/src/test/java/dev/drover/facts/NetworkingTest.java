package dev.drover.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkingTest {

    private static final String ADDR = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
                link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
                inet 127.0.0.1/8 scope host lo
                   valid_lft forever preferred_lft forever
                inet6 ::1/128 scope host
                   valid_lft forever preferred_lft forever
            2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                link/ether 02:77:00:00:00:05 brd ff:ff:ff:ff:ff:ff link-netnsid 0
                inet 10.77.0.15/24 brd 10.77.0.255 scope global eth0
                   valid_lft forever preferred_lft forever
                inet 10.77.0.99/24 brd 10.77.0.255 scope global secondary eth0:1
                   valid_lft forever preferred_lft forever
                inet6 fe80::77:ff:fe00:5/64 scope link
                   valid_lft forever preferred_lft forever
            """;

    private static final String SYSNET = """
            device=eth0
            address=02:77:00:00:00:05
            mtu=1500
            operstate=up
            type=1
            speed=10000
            flags=0x1003
            device=lo
            address=00:00:00:00:00:00
            mtu=65536
            operstate=unknown
            type=772
            flags=0x9
            """;

    private static Map<String, Object> describe() {
        Map<String, Object> facts = new LinkedHashMap<>();
        Networking.describe(new Sections()
                .section("route4", "8.8.8.8 via 10.77.0.1 dev eth0 src 10.77.0.15 uid 0\n    cache")
                .section("route6", "")
                .section("addr", ADDR)
                .section("sysnet", SYSNET).raw(), facts);
        return facts;
    }

    @Test
    void interfacesInSysfsOrderWithLabelsAsTheirOwnInterfaces() {
        assertThat(describe()).containsEntry("interfaces", List.of("eth0", "eth0_1", "lo"));
    }

    @Test
    void anInterfaceHasItsAttributesAndAddresses() {
        Map<String, Object> eth0 = asMap(describe().get("eth0"));

        assertThat(eth0).containsEntry("device", "eth0").containsEntry("macaddress", "02:77:00:00:00:05")
                .containsEntry("mtu", 1500).containsEntry("active", true).containsEntry("type", "ether")
                .containsEntry("speed", 10000).containsEntry("promisc", false);
        assertThat(asMap(eth0.get("ipv4"))).containsEntry("address", "10.77.0.15").containsEntry("netmask", "255.255.255.0")
                .containsEntry("network", "10.77.0.0").containsEntry("broadcast", "10.77.0.255").containsEntry("prefix", "24");
        assertThat((List<?>) eth0.get("ipv4_secondaries")).hasSize(1);
        assertThat(eth0.get("ipv6")).isEqualTo(List.of(Map.of("address", "fe80::77:ff:fe00:5", "prefix", "64", "scope", "link")));
    }

    @Test
    void loopbackHasNoMacAndIsNotInTheAddressLists() {
        Map<String, Object> facts = describe();
        Map<String, Object> lo = asMap(facts.get("lo"));

        assertThat(lo).doesNotContainKey("macaddress").containsEntry("type", "loopback").containsEntry("active", true);
        assertThat(facts.get("all_ipv4_addresses")).isEqualTo(List.of("10.77.0.15", "10.77.0.99"));
        assertThat(facts.get("all_ipv6_addresses")).isEqualTo(List.of("fe80::77:ff:fe00:5"));
    }

    @Test
    void theDefaultRouteIsDescribedByItsInterface() {
        assertThat(asMap(describe().get("default_ipv4"))).containsEntry("address", "10.77.0.15").containsEntry("interface", "eth0")
                .containsEntry("gateway", "10.77.0.1").containsEntry("netmask", "255.255.255.0")
                .containsEntry("network", "10.77.0.0").containsEntry("broadcast", "10.77.0.255")
                .containsEntry("macaddress", "02:77:00:00:00:05").containsEntry("mtu", 1500)
                .containsEntry("type", "ether").containsEntry("alias", "eth0").containsEntry("prefix", "24");
        assertThat(asMap(describe().get("default_ipv6"))).isEmpty();
    }

    @Test
    void noRouteGivesAnEmptyDefault() {
        assertThat(Networking.defaultRoute("", "8.8.8.8")).isEmpty();
        assertThat(Networking.defaultRoute("8.8.8.8 dev host0 src 10.0.0.2 uid 0", "8.8.8.8"))
                .containsEntry("interface", "host0").containsEntry("address", "10.0.0.2").doesNotContainKey("gateway");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
