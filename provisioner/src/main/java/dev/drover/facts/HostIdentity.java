package dev.drover.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts that name the machine and its storage identities: DMI (board, BIOS, chassis,
 * product), SSH host keys, chroot, LVM, and the iSCSI, NVMe and Fibre Channel initiator names.
 */
final class HostIdentity {

    static final String DMI_DIR = "/sys/devices/virtual/dmi/id/";

    /** Fact name, sysfs file, dmidecode keyword: Ansible's table. */
    static final List<String[]> DMI = List.of(
            new String[] {"bios_date", "bios_date", "bios-release-date"},
            new String[] {"bios_vendor", "bios_vendor", "bios-vendor"},
            new String[] {"bios_version", "bios_version", "bios-version"},
            new String[] {"board_asset_tag", "board_asset_tag", "baseboard-asset-tag"},
            new String[] {"board_name", "board_name", "baseboard-product-name"},
            new String[] {"board_serial", "board_serial", "baseboard-serial-number"},
            new String[] {"board_vendor", "board_vendor", "baseboard-manufacturer"},
            new String[] {"board_version", "board_version", "baseboard-version"},
            new String[] {"chassis_asset_tag", "chassis_asset_tag", "chassis-asset-tag"},
            new String[] {"chassis_serial", "chassis_serial", "chassis-serial-number"},
            new String[] {"chassis_vendor", "chassis_vendor", "chassis-manufacturer"},
            new String[] {"chassis_version", "chassis_version", "chassis-version"},
            new String[] {"form_factor", "chassis_type", "chassis-type"},
            new String[] {"product_name", "product_name", "system-product-name"},
            new String[] {"product_serial", "product_serial", "system-serial-number"},
            new String[] {"product_uuid", "product_uuid", "system-uuid"},
            new String[] {"product_version", "product_version", "system-version"},
            new String[] {"system_vendor", "sys_vendor", "system-manufacturer"});

    private static final List<String> FORM_FACTOR = List.of("Unknown", "Other", "Unknown", "Desktop",
            "Low Profile Desktop", "Pizza Box", "Mini Tower", "Tower", "Portable", "Laptop", "Notebook", "Hand Held",
            "Docking Station", "All In One", "Sub Notebook", "Space-saving", "Lunch Box", "Main Server Chassis",
            "Expansion Chassis", "Sub Chassis", "Bus Expansion Chassis", "Peripheral Chassis", "RAID Chassis",
            "Rack Mount Chassis", "Sealed-case PC", "Multi-system", "CompactPCI", "AdvancedTCA", "Blade", "Blade Enclosure",
            "Tablet", "Convertible", "Detachable", "IoT Gateway", "Embedded PC", "Mini PC", "Stick PC");

    private HostIdentity() {
    }

    /** The shell part for DMI: sysfs files when there are any, else dmidecode's answers. */
    static String dmiScript() {
        StringBuilder script = new StringBuilder("if [ -e " + DMI_DIR + "product_name ]; then s dmi_sysfs; for k in");
        DMI.forEach(d -> script.append(' ').append(d[1]));
        script.append("; do c ").append(DMI_DIR).append("$k; done\nelif has dmidecode; then for k in");
        DMI.forEach(d -> script.append(' ').append(d[2]));
        script.append("; do o=$(dmidecode -s $k 2>/dev/null) && { s \"dmidecode:$k\"; echo \"$o\"; }; done; fi");
        return script.toString();
    }

    static void dmi(RawFacts raw, Map<String, Object> facts) {
        boolean sysfs = raw.has("dmi_sysfs");
        for (String[] d : DMI) {
            String value;
            if (sysfs) {
                value = raw.file(DMI_DIR + d[1]).orElse(null);
                if (value != null && d[0].equals("form_factor")) {
                    try {
                        int index = Integer.parseInt(value);
                        value = index < FORM_FACTOR.size() ? FORM_FACTOR.get(index) : "unknown (" + value + ")";
                    } catch (NumberFormatException e) {
                        value = "unknown (" + value + ")";
                    }
                }
            } else {
                value = raw.has("dmidecode:" + d[2])
                        ? String.join("", raw.section("dmidecode:" + d[2]).lines().filter(l -> !l.startsWith("#")).toList())
                        : null;
            }
            facts.put(d[0], value == null ? "NA" : value);
        }
    }

    static final String SSH_KEYS_SCRIPT = "for d in /etc/ssh /etc/openssh /etc; do for a in dsa rsa ecdsa ed25519; do"
            + " c $d/ssh_host_${a}_key.pub; done; done";

    static void sshKeys(RawFacts raw, Map<String, Object> facts) {
        for (String dir : List.of("/etc/ssh", "/etc/openssh", "/etc")) {
            for (String algo : List.of("dsa", "rsa", "ecdsa", "ed25519")) {
                String name = "ssh_host_key_" + algo + "_public";
                if (facts.containsKey(name)) {
                    return;
                }
                raw.file(dir + "/ssh_host_" + algo + "_key.pub").ifPresent(key -> {
                    String[] words = key.split("\\s+");
                    if (words.length >= 2) {
                        facts.put(name, words[1]);
                        facts.put(name + "_keytype", words[0]);
                    }
                });
            }
        }
    }

    /** Whether / is PID 1's root (device and inode compared), as Ansible's is_chroot. */
    static final String CHROOT_SCRIPT = "s chroot; stat -c '%d %i' / /proc/1/root/. 2>/dev/null";

    static void chroot(RawFacts raw, Map<String, Object> facts) {
        List<String> lines = raw.lines("chroot");
        if (lines.size() == 2) {
            facts.put("is_chroot", !lines.get(0).equals(lines.get(1)));
        } else if (lines.size() == 1) {
            facts.put("is_chroot", !lines.get(0).endsWith(" 2"));
        }
    }

    static final String LVM_SCRIPT = "if [ \"$(id -u)\" = 0 ] && has vgs; then o='--noheadings --nosuffix --units g --separator ,';"
            + " s vgs; vgs $o 2>/dev/null; if has lvs; then s lvs; lvs $o 2>/dev/null; fi;"
            + " if has pvs; then s pvs; pvs $o 2>/dev/null; fi; fi";

    static void lvm(RawFacts raw, Map<String, Object> facts) {
        if (!raw.has("vgs")) {
            facts.put("lvm", "N/A");
            return;
        }
        Map<String, Object> vgs = new LinkedHashMap<>();
        for (String line : raw.lines("vgs")) {
            String[] items = line.strip().split(",");
            if (items.length >= 4) {
                vgs.put(items[0], Map.of("size_g", items[items.length - 2], "free_g", items[items.length - 1],
                        "num_lvs", items[2], "num_pvs", items[1]));
            }
        }
        Map<String, Object> lvs = new LinkedHashMap<>();
        for (String line : raw.lines("lvs")) {
            String[] items = line.strip().split(",");
            if (items.length >= 4) {
                lvs.put(items[0], Map.of("size_g", items[3], "vg", items[1]));
            }
        }
        Map<String, Object> pvs = new LinkedHashMap<>();
        for (String line : raw.lines("pvs")) {
            String[] items = line.strip().split(",");
            if (items.length >= 6) {
                pvs.put(items[0], Map.of("size_g", items[4], "free_g", items[5], "vg", items[1]));
            }
        }
        facts.put("lvm", Map.of("lvs", lvs, "vgs", vgs, "pvs", pvs));
    }

    static final String FC_SCRIPT = "s fc; cat /sys/class/fc_host/*/port_name 2>/dev/null";

    static List<String> fibreChannel(RawFacts raw) {
        List<String> wwns = new ArrayList<>();
        raw.lines("fc").forEach(line -> wwns.add(line.stripTrailing().length() > 2 ? line.stripTrailing().substring(2) : ""));
        return wwns;
    }

    static String iscsi(RawFacts raw) {
        for (String line : raw.file("/etc/iscsi/initiatorname.iscsi").orElse("").split("\n")) {
            if (line.startsWith("#") || line.startsWith(";") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("InitiatorName=")) {
                return line.split("=", 2)[1].stripTrailing();
            }
        }
        return "";
    }

    static String nvme(RawFacts raw) {
        for (String line : raw.file("/etc/nvme/hostnqn").orElse("").split("\n")) {
            if (line.startsWith("nqn.")) {
                return line;
            }
        }
        return "";
    }
}
