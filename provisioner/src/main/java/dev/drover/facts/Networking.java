package dev.drover.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's network facts: default_ipv4, all_ipv4_addresses, interfaces. */
final class Networking {

    private Networking() {
    }

    static Map<String, Object> describe(String defaultInterface, String gateway, List<String[]> addresses,
                                        Map<String, String> macs) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        Map<String, Object> defaultIpv4 = new LinkedHashMap<>();
        for (String[] entry : addresses) {
            if (entry.length < 2) {
                continue;
            }
            String iface = entry[0];
            String[] cidr = entry[1].split("/");
            if (!iface.equals("lo")) {
                all.add(cidr[0]);
            }
            if (iface.equals(defaultInterface) && defaultIpv4.isEmpty()) {
                defaultIpv4.put("address", cidr[0]);
                defaultIpv4.put("interface", iface);
                defaultIpv4.put("gateway", gateway == null ? "" : gateway);
                defaultIpv4.put("prefix", cidr.length > 1 ? cidr[1] : "");
                defaultIpv4.put("macaddress", macs.getOrDefault(iface, ""));
            }
        }
        facts.put("default_ipv4", defaultIpv4);
        facts.put("all_ipv4_addresses", all);
        facts.put("interfaces", new ArrayList<>(macs.keySet()));
        return facts;
    }
}
