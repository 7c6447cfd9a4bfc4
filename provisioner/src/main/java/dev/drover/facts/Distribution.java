package dev.drover.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ansible's distribution facts from /etc/os-release (and /etc/debian_version for Debian's point release). */
final class Distribution {

    private static final Map<String, String> FAMILY = Map.of(
            "debian", "Debian", "ubuntu", "Debian", "raspbian", "Debian", "linuxmint", "Debian",
            "rhel", "RedHat", "centos", "RedHat", "fedora", "RedHat", "rocky", "RedHat", "almalinux", "RedHat",
            "arch", "Archlinux");
    private static final Map<String, String> PACKAGE_MANAGER = Map.of("Debian", "apt", "RedHat", "dnf", "Archlinux", "pacman");

    private Distribution() {
    }

    static Map<String, Object> describe(Map<String, String> raw) {
        Map<String, Object> facts = new LinkedHashMap<>();
        String id = raw.getOrDefault("os_id", "");
        String name = switch (id) {
            case "debian" -> "Debian";
            case "ubuntu" -> "Ubuntu";
            case "rhel" -> "RedHat";
            case "centos" -> "CentOS";
            case "fedora" -> "Fedora";
            default -> id.isEmpty() ? "Unknown" : Character.toUpperCase(id.charAt(0)) + id.substring(1);
        };
        String version = raw.getOrDefault("os_version_id", "");
        if (id.equals("debian") && raw.containsKey("debian_version") && raw.get("debian_version").matches("[0-9.]+")) {
            version = raw.get("debian_version");
        }
        String family = FAMILY.getOrDefault(id, FAMILY.getOrDefault(raw.getOrDefault("os_like", "").split(" ")[0], name));
        facts.put("distribution", name);
        facts.put("distribution_version", version);
        facts.put("distribution_major_version", version.contains(".") ? version.substring(0, version.indexOf('.')) : version);
        facts.put("distribution_release", raw.getOrDefault("os_codename", ""));
        facts.put("os_family", family);
        facts.put("pkg_mgr", PACKAGE_MANAGER.getOrDefault(family, "unknown"));
        return facts;
    }
}
