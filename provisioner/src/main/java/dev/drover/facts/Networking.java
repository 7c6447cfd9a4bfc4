package dev.drover.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's Linux network facts: the interfaces of /sys/class/net (in directory order, as
 * Python's glob lists them) with their sysfs attributes, their addresses from
 * {@code ip addr show} (primary addresses first, then secondary ones), and the default
 * IPv4/IPv6 routes from {@code ip route get}.
 */
final class Networking {

    private static final Map<String, String> TYPES = Map.of("1", "ether", "32", "infiniband", "512", "ppp",
            "772", "loopback", "65534", "tunnel");
    private static final String V4_PROBE = "8.8.8.8";
    private static final String V6_PROBE = "2404:6800:400a:800::1012";

    private Networking() {
    }

    static void describe(RawFacts raw, Map<String, Object> facts) {
        if (!raw.has("addr")) {
            return;
        }
        Map<String, Object> defaultIpv4 = defaultRoute(raw.section("route4"), V4_PROBE);
        Map<String, Object> defaultIpv6 = defaultRoute(raw.section("route6"), V6_PROBE);
        Map<String, Map<String, Object>> interfaces = new LinkedHashMap<>();
        List<String> all4 = new ArrayList<>();
        List<String> all6 = new ArrayList<>();
        Map<String, List<String>> addressLines = addressLines(raw.lines("addr"));
        String macaddress = null;
        for (Map<String, String> sys : sysfs(raw.lines("sysnet"))) {
            String device = sys.get("device");
            Map<String, Object> iface = new LinkedHashMap<>();
            iface.put("device", device);
            interfaces.put(device, iface);
            if (sys.containsKey("address")) {
                macaddress = sys.get("address");
                if (!macaddress.isEmpty() && !macaddress.equals("00:00:00:00:00:00")) {
                    iface.put("macaddress", macaddress);
                }
            }
            if (sys.containsKey("mtu")) {
                iface.put("mtu", Integer.parseInt(sys.get("mtu")));
            }
            if (sys.containsKey("operstate")) {
                iface.put("active", !sys.get("operstate").equals("down"));
            }
            if (sys.containsKey("module")) {
                iface.put("module", basename(sys.get("module")));
            }
            if (sys.containsKey("type")) {
                iface.put("type", TYPES.getOrDefault(sys.get("type"), "unknown"));
            }
            if (sys.containsKey("brif")) {
                iface.put("type", "bridge");
                iface.put("interfaces", words(sys.get("brif")));
                if (sys.containsKey("bridge_id")) {
                    iface.put("id", sys.get("bridge_id"));
                }
                if (sys.containsKey("stp_state")) {
                    iface.put("stp", sys.get("stp_state").equals("1"));
                }
            }
            if (sys.containsKey("bonding")) {
                iface.put("type", "bonding");
                iface.put("slaves", words(sys.getOrDefault("bonding_slaves", "")));
                iface.put("mode", first(sys.get("bonding_mode")));
                iface.put("miimon", first(sys.get("bonding_miimon")));
                iface.put("lacp_rate", first(sys.get("bonding_lacp_rate")));
                String primary = sys.getOrDefault("bonding_primary", "");
                if (!primary.isEmpty()) {
                    iface.put("primary", primary);
                    if (sys.containsKey("bonding_all_slaves_active")) {
                        iface.put("all_slaves_active", sys.get("bonding_all_slaves_active").equals("1"));
                    }
                }
            }
            if (sys.containsKey("perm_hwaddr")) {
                iface.put("perm_macaddress", sys.get("perm_hwaddr"));
            }
            if (sys.containsKey("pciid")) {
                iface.put("pciid", basename(sys.get("pciid")));
            }
            if (sys.containsKey("speed") && sys.get("speed").matches("-?\\d+")) {
                iface.put("speed", Integer.parseInt(sys.get("speed")));
            }
            if (sys.containsKey("flags")) {
                iface.put("promisc", (Long.parseLong(sys.get("flags").replaceFirst("^0x", ""), 16) & 0x0100) > 0);
            }
            List<String> lines = addressLines.getOrDefault(device, List.of());
            AddressContext context = new AddressContext(device, interfaces, defaultIpv4, defaultIpv6, macaddress, all4, all6);
            lines.stream().filter(l -> !secondary(l)).forEach(l -> context.parse(l, false));
            lines.stream().filter(Networking::secondary).forEach(l -> context.parse(l, true));
        }
        Map<String, Map<String, Object>> renamed = new LinkedHashMap<>();
        interfaces.forEach((name, value) -> renamed.put(name.replace(':', '_'), value));
        facts.put("interfaces", new ArrayList<>(renamed.keySet()));
        renamed.forEach(facts::put);
        facts.put("default_ipv4", defaultIpv4);
        facts.put("default_ipv6", defaultIpv6);
        facts.put("all_ipv4_addresses", all4);
        facts.put("all_ipv6_addresses", all6);
    }

    /** What "ip addr show secondary" would list: IPv4 secondaries and IPv6 temporary addresses. */
    private static boolean secondary(String line) {
        List<String> words = List.of(line.strip().split("\\s+"));
        return words.get(0).equals("inet") && words.contains("secondary")
                || words.get(0).equals("inet6") && words.contains("temporary");
    }

    /** The first line of "ip route get": dev, src and via (unless it names the probe itself). */
    static Map<String, Object> defaultRoute(String output, String probe) {
        Map<String, Object> route = new LinkedHashMap<>();
        if (output.isBlank()) {
            return route;
        }
        String[] words = output.split("\n")[0].strip().split("\\s+");
        if (words.length > 0 && words[0].equals(probe)) {
            for (int i = 0; i < words.length - 1; i++) {
                switch (words[i]) {
                    case "dev" -> route.put("interface", words[i + 1]);
                    case "src" -> route.put("address", words[i + 1]);
                    case "via" -> {
                        if (!words[i + 1].equals(probe)) {
                            route.put("gateway", words[i + 1]);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return route;
    }

    /** The inet/inet6 lines of "ip addr show", per device. */
    static Map<String, List<String>> addressLines(List<String> output) {
        Map<String, List<String>> byDevice = new LinkedHashMap<>();
        String device = null;
        for (String line : output) {
            if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
                String[] parts = line.split(":\\s+", 3);
                device = parts.length > 1 ? parts[1].replaceFirst("@.*$", "") : null;
            } else if (device != null) {
                String stripped = line.strip();
                if (stripped.startsWith("inet ") || stripped.startsWith("inet6 ")) {
                    byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(stripped);
                }
            }
        }
        return byDevice;
    }

    private static List<Map<String, String>> sysfs(List<String> lines) {
        List<Map<String, String>> devices = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).strip();
            if (key.equals("device")) {
                current = new LinkedHashMap<>();
                devices.add(current);
            }
            if (current != null) {
                current.put(key, value);
            }
        }
        return devices;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? new ArrayList<>() : new ArrayList<>(List.of(text.strip().split("\\s+")));
    }

    private static String first(String text) {
        return text == null || text.isBlank() ? "" : text.strip().split("\\s+")[0];
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Ansible's parse_ip_output for one device, with the state it shares across devices. */
    private record AddressContext(String device, Map<String, Map<String, Object>> interfaces, Map<String, Object> defaultIpv4,
                                  Map<String, Object> defaultIpv6, String macaddress, List<String> all4, List<String> all6) {

        void parse(String line, boolean secondary) {
            String[] words = line.split("\\s+");
            if (words[0].equals("inet")) {
                String address;
                String prefix;
                String broadcast = "";
                if (words[1].contains("/")) {
                    address = words[1].substring(0, words[1].indexOf('/'));
                    prefix = words[1].substring(words[1].indexOf('/') + 1);
                    if (words.length > 3 && words[2].equals("brd")) {
                        broadcast = words[3];
                    }
                } else {
                    address = words[1];
                    prefix = "32";
                }
                long addressBits = ipv4(address);
                long maskBits = ((1L << 32) - (1L << 32 >> Integer.parseInt(prefix))) & 0xffffffffL;
                String netmask = dotted(maskBits);
                String network = dotted(addressBits & maskBits);
                String label = words[words.length - 1];
                if (!label.equals(device)) {
                    interfaces.put(label, new LinkedHashMap<>());
                }
                Map<String, Object> entry = ipv4Entry(address, broadcast, netmask, network, prefix);
                Map<String, Object> target = interfaces.get(label);
                if (!secondary && !target.containsKey("ipv4")) {
                    target.put("ipv4", entry);
                } else {
                    secondaries(target).add(ipv4Entry(address, broadcast, netmask, network, prefix));
                }
                if (secondary) {
                    List<Object> own = secondaries(interfaces.get(device));
                    if (!device.equals(label)) {
                        own.add(ipv4Entry(address, broadcast, netmask, network, prefix));
                    }
                }
                if (address.equals(defaultIpv4.get("address"))) {
                    Map<String, Object> iface = interfaces.get(device);
                    defaultIpv4.put("broadcast", broadcast);
                    defaultIpv4.put("netmask", netmask);
                    defaultIpv4.put("network", network);
                    defaultIpv4.put("prefix", prefix);
                    defaultIpv4.put("macaddress", macaddress);
                    defaultIpv4.put("mtu", iface.get("mtu"));
                    defaultIpv4.put("type", iface.getOrDefault("type", "unknown"));
                    defaultIpv4.put("alias", label);
                }
                if (!address.startsWith("127.")) {
                    all4.add(address);
                }
            } else if (words[0].equals("inet6")) {
                String address;
                String prefix;
                String scope;
                if (words[2].equals("peer")) {
                    address = words[1];
                    prefix = words[3].substring(words[3].indexOf('/') + 1);
                    scope = words[5];
                } else {
                    address = words[1].substring(0, words[1].indexOf('/'));
                    prefix = words[1].substring(words[1].indexOf('/') + 1);
                    scope = words[3];
                }
                Map<String, Object> iface = interfaces.get(device);
                @SuppressWarnings("unchecked")
                List<Object> ipv6 = (List<Object>) iface.computeIfAbsent("ipv6", k -> new ArrayList<>());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("address", address);
                entry.put("prefix", prefix);
                entry.put("scope", scope);
                ipv6.add(entry);
                if (address.equals(defaultIpv6.get("address"))) {
                    defaultIpv6.put("prefix", prefix);
                    defaultIpv6.put("scope", scope);
                    defaultIpv6.put("macaddress", macaddress);
                    defaultIpv6.put("mtu", iface.get("mtu"));
                    defaultIpv6.put("type", iface.getOrDefault("type", "unknown"));
                }
                if (!address.equals("::1")) {
                    all6.add(address);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private static List<Object> secondaries(Map<String, Object> iface) {
            return (List<Object>) iface.computeIfAbsent("ipv4_secondaries", k -> new ArrayList<>());
        }

        private static Map<String, Object> ipv4Entry(String address, String broadcast, String netmask, String network,
                                                     String prefix) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", address);
            entry.put("broadcast", broadcast);
            entry.put("netmask", netmask);
            entry.put("network", network);
            entry.put("prefix", prefix);
            return entry;
        }

        private static long ipv4(String address) {
            long bits = 0;
            for (String part : address.split("\\.")) {
                bits = bits << 8 | Integer.parseInt(part);
            }
            return bits;
        }

        private static String dotted(long bits) {
            return (bits >> 24 & 255) + "." + (bits >> 16 & 255) + "." + (bits >> 8 & 255) + "." + (bits & 255);
        }
    }
}
