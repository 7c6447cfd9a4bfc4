package dev.drover.facts;

import java.util.List;
import java.util.Set;

/**
 * Ansible's fact collectors on Linux, by the names gather_subset uses: each has the fact
 * ids that also select it, the collectors it needs first, and whether Ansible's "min"
 * subset holds it. Drover reads what each needs with a piece of one shell command
 * ({@link FactScript}); the collectors Drover leaves out (caps, chroot, ssh_pub_keys,
 * fibre_channel_wwn, iscsi, nvme, facter, ohai) are still known names, so a subset naming
 * them is accepted as by Ansible and simply gathers nothing for them.
 */
enum Collector {
    PLATFORM("platform", Set.of("system", "kernel", "kernel_version", "machine", "python_version", "architecture",
            "machine_id"), Set.of(), true),
    DISTRIBUTION("distribution", Set.of("distribution_version", "distribution_release", "distribution_major_version",
            "os_family"), Set.of(), true),
    LSB("lsb", Set.of(), Set.of(), true),
    SELINUX("selinux", Set.of(), Set.of(), true),
    APPARMOR("apparmor", Set.of(), Set.of(), true),
    CHROOT("chroot", Set.of("is_chroot"), Set.of(), false),
    FIPS("fips", Set.of(), Set.of(), true),
    PYTHON("python", Set.of(), Set.of(), true),
    CAPS("caps", Set.of("system_capabilities", "system_capabilities_enforced"), Set.of(), true),
    PKG_MGR("pkg_mgr", Set.of(), Set.of("distribution"), true),
    SERVICE_MGR("service_mgr", Set.of(), Set.of("platform", "distribution"), true),
    CMDLINE("cmdline", Set.of(), Set.of(), true),
    DATE_TIME("date_time", Set.of(), Set.of(), true),
    ENV("env", Set.of(), Set.of(), true),
    LOADAVG("loadavg", Set.of(), Set.of(), false),
    SSH_PUB_KEYS("ssh_pub_keys", Set.of("ssh_host_pub_keys", "ssh_host_key_dsa_public", "ssh_host_key_rsa_public",
            "ssh_host_key_ecdsa_public", "ssh_host_key_ed25519_public"), Set.of(), true),
    USER("user", Set.of("user_id", "user_uid", "user_gid", "user_gecos", "user_dir", "user_shell", "real_user_id",
            "effective_user_id", "effective_group_ids"), Set.of(), true),
    VIRTUAL("virtual", Set.of("virtualization_type", "virtualization_role", "virtualization_tech_guest",
            "virtualization_tech_host"), Set.of(), false),
    HARDWARE("hardware", Set.of("processor", "processor_cores", "processor_count", "mounts", "devices"),
            Set.of("platform"), false),
    DNS("dns", Set.of(), Set.of(), true),
    FIBRE_CHANNEL_WWN("fibre_channel_wwn", Set.of(), Set.of(), false),
    NETWORK("network", Set.of("interfaces", "default_ipv4", "default_ipv6", "all_ipv4_addresses",
            "all_ipv6_addresses"), Set.of("distribution", "platform"), false),
    ISCSI("iscsi", Set.of(), Set.of(), false),
    NVME("nvme", Set.of(), Set.of(), false),
    LOCAL("local", Set.of(), Set.of(), true),
    FACTER("facter", Set.of("facter"), Set.of(), false),
    OHAI("ohai", Set.of(), Set.of(), false);

    private final String subsetName;
    private final Set<String> factIds;
    private final Set<String> requires;
    private final boolean minimal;

    Collector(String subsetName, Set<String> factIds, Set<String> requires, boolean minimal) {
        this.subsetName = subsetName;
        this.factIds = factIds;
        this.requires = requires;
        this.minimal = minimal;
    }

    String subsetName() {
        return subsetName;
    }

    Set<String> factIds() {
        return factIds;
    }

    Set<String> requires() {
        return requires;
    }

    boolean minimal() {
        return minimal;
    }

    static Collector named(String name) {
        for (Collector c : values()) {
            if (c.subsetName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Every collector a name selects: its own name or one of its fact ids. */
    static List<Collector> selectedBy(String name) {
        return java.util.Arrays.stream(values())
                .filter(c -> c.subsetName.equals(name) || c.factIds.contains(name))
                .toList();
    }
}
