package dev.drover.facts;

import java.util.List;
import java.util.Map;

/** Ansible's pkg_mgr and service_mgr: which tools exist, corrected by distribution as Ansible does. */
final class PackageManager {

    private record Known(String path, String name) {
    }

    private static final List<Known> PACKAGE_MANAGERS = List.of(
            new Known("/usr/bin/rpm-ostree", "atomic_container"), new Known("/usr/bin/yum", "yum"),
            new Known("/usr/bin/dnf", "dnf"), new Known("/usr/bin/apt-get", "apt"), new Known("/usr/bin/zypper", "zypper"),
            new Known("/usr/sbin/urpmi", "urpmi"), new Known("/usr/bin/pacman", "pacman"), new Known("/bin/opkg", "opkg"),
            new Known("/usr/pkg/bin/pkgin", "pkgin"), new Known("/opt/local/bin/pkgin", "pkgin"),
            new Known("/opt/tools/bin/pkgin", "pkgin"), new Known("/opt/local/bin/port", "macports"),
            new Known("/usr/local/bin/brew", "homebrew"), new Known("/opt/homebrew/bin/brew", "homebrew"),
            new Known("/sbin/apk", "apk"), new Known("/usr/sbin/pkg", "pkgng"), new Known("/usr/sbin/swlist", "swdepot"),
            new Known("/usr/bin/emerge", "portage"), new Known("/usr/sbin/pkgadd", "svr4pkg"), new Known("/usr/bin/pkg", "pkg5"),
            new Known("/usr/bin/xbps-install", "xbps"), new Known("/usr/local/sbin/pkg", "pkgng"),
            new Known("/usr/bin/swupd", "swupd"), new Known("/usr/sbin/sorcery", "sorcery"),
            new Known("/usr/bin/installp", "installp"), new Known("/QOpenSys/pkgs/bin/yum", "yum"));

    private static final Map<String, String> INIT_NAMES = Map.of("procd", "openwrt_init", "runit-init", "runit",
            "svscan", "svc", "openrc-init", "openrc");

    private PackageManager() {
    }

    /** Every path the package manager decision looks at, for the fact command. */
    static List<String> paths() {
        java.util.List<String> paths = new java.util.ArrayList<>(PACKAGE_MANAGERS.stream().map(Known::path).toList());
        paths.add("/run/ostree-booted");
        paths.add("/usr/bin/rpm");
        return paths;
    }

    static String packageManager(RawFacts raw, Map<String, Object> facts) {
        String family = String.valueOf(facts.get("os_family"));
        String name = "unknown";
        for (Known known : PACKAGE_MANAGERS) {
            if (family.equals("Altlinux") && known.path().equals("/usr/bin/pkg")) {
                continue;
            }
            if (raw.exists(known.path())) {
                name = known.name();
            }
        }
        if (family.equals("RedHat")) {
            name = redHat(raw, name, String.valueOf(facts.get("distribution")), String.valueOf(facts.get("distribution_major_version")));
        } else if (family.equals("Debian") && !name.equals("apt")) {
            name = "apt";
        } else if (family.equals("Altlinux") && name.equals("apt")) {
            name = "apt_rpm";
        }
        if (name.equals("apt") && raw.exists("/usr/bin/rpm") && raw.has("apt_rpm")) {
            name = "apt_rpm";
        }
        return name;
    }

    private static String redHat(RawFacts raw, String name, String distribution, String major) {
        if (raw.exists("/run/ostree-booted")) {
            return "atomic_container";
        }
        int threshold = switch (distribution) {
            case "Fedora" -> 23;
            case "Amazon" -> 2022;
            default -> 8;
        };
        int version;
        try {
            version = Integer.parseInt(major);
        } catch (NumberFormatException e) {
            return "dnf";
        }
        if (distribution.equals("Fedora") || distribution.equals("Amazon")) {
            String wanted = version < threshold ? "yum" : "dnf";
            String path = wanted.equals("yum") ? "/usr/bin/yum" : "/usr/bin/dnf";
            return raw.exists(path) ? wanted : name;
        }
        return version < threshold ? "yum" : "dnf";
    }

    static String serviceManager(RawFacts raw, Map<String, Object> facts) {
        String proc1 = raw.file("/proc/1/comm").orElse(null);
        if (proc1 == null && raw.has("init_link")) {
            proc1 = raw.section("init_link").strip();
        }
        if (proc1 != null) {
            proc1 = proc1.substring(proc1.lastIndexOf('/') + 1).strip();
            if (proc1.equals("init") || proc1.endsWith("sh")) {
                proc1 = null;
            }
        }
        if (proc1 != null) {
            return INIT_NAMES.getOrDefault(proc1, proc1);
        }
        if (!"Linux".equals(facts.get("system"))) {
            return "service";
        }
        boolean systemctl = raw.has("systemctl");
        if (systemctl && (raw.exists("/run/systemd/system/") || raw.exists("/dev/.run/systemd/") || raw.exists("/dev/.systemd/"))) {
            return "systemd";
        }
        if (raw.has("initctl") && raw.exists("/etc/init/")) {
            return "upstart";
        }
        if (raw.exists("/sbin/openrc")) {
            return "openrc";
        }
        if (systemctl && raw.has("init_link") && raw.section("init_link").strip().endsWith("systemd")) {
            return "systemd";
        }
        if (raw.exists("/etc/init.d/")) {
            return "sysvinit";
        }
        return "service";
    }
}
