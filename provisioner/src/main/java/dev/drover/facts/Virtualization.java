package dev.drover.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Ansible's Linux virtualization facts, decided from the same evidence in the same order:
 * PID 1's cgroups and environment, OpenVZ, systemd's container file, Docker's marker
 * files, Xen, DMI names, VServer, /proc/cpuinfo, kernel modules, dmidecode, /dev/kvm. The
 * first finding names the type and role; every finding adds to the guest/host lists
 * (sorted here; Ansible's order is a Python set's).
 */
final class Virtualization {

    private static final Set<String> KVM_SYS_VENDORS = Set.of("QEMU", "Amazon EC2", "DigitalOcean", "Google", "Scaleway", "Nutanix");

    private Virtualization() {
    }

    static void describe(RawFacts raw, Map<String, Object> facts) {
        Finding f = new Finding();
        for (String line : raw.file("/proc/1/cgroup").orElse("").split("\n")) {
            if (Pattern.compile("/docker(/|-[0-9a-f]+\\.scope)").matcher(line).find()) {
                f.guest("docker", "docker", "guest");
            }
            if (line.contains("/lxc/") || line.contains("/machine.slice/machine-lxc")) {
                f.guest("lxc", "lxc", "guest");
            }
            if (line.contains("/system.slice/containerd.service")) {
                f.guest("containerd", "containerd", "guest");
            }
        }
        for (String line : raw.lines("environ1")) {
            if (line.contains("container=lxc")) {
                f.guest("lxc", "lxc", "guest");
            }
            if (line.contains("container=podman")) {
                f.guest("podman", "podman", "guest");
            }
            if (line.matches("^container=..*")) {
                f.guest("container", "container", "guest");
            }
        }
        if (raw.exists("/proc/vz") && !raw.exists("/proc/lve")) {
            f.type = "openvz";
            if (raw.exists("/proc/bc")) {
                f.host.add("openvz");
                f.roleIfNew("host");
            } else {
                f.guestTech.add("openvz");
                f.roleIfNew("guest");
            }
            f.found = true;
        }
        String systemdContainer = raw.file("/run/systemd/container").orElse("");
        if (!systemdContainer.isEmpty()) {
            f.guest(systemdContainer, systemdContainer, "guest");
        }
        if (raw.exists("/.dockerenv") || raw.exists("/.dockerinit")) {
            f.guest("docker", "docker", "guest");
        }
        if (f.guestTech.stream().anyMatch(Set.of("docker", "lxc", "podman", "openvz", "containerd")::contains)
                || !systemdContainer.isEmpty()) {
            f.guestTech.add("container");
        }
        if (raw.exists("/proc/xen")) {
            boolean xenHost = raw.file("/proc/xen/capabilities").orElse("").contains("control_d");
            if (xenHost) {
                f.host.add("xen");
            }
            f.typeRoleIfNew("xen", xenHost ? "host" : "guest");
            f.found = true;
        }
        if (!f.found) {
            f.role = "guest";
        }
        String product = raw.file("/sys/devices/virtual/dmi/id/product_name").orElse(null);
        String vendor = raw.file("/sys/devices/virtual/dmi/id/sys_vendor").orElse(null);
        String family = raw.file("/sys/devices/virtual/dmi/id/product_family").orElse(null);
        String bios = raw.file("/sys/devices/virtual/dmi/id/bios_vendor").orElse(null);
        if (oneOf(product, "KVM", "KVM Server", "Bochs", "AHV")) {
            f.typed("kvm");
        }
        if ("oVirt".equals(vendor)) {
            f.typed("oVirt");
        }
        if ("Red Hat".equals(vendor)) {
            if ("RHV".equals(family)) {
                f.typed("RHV");
            } else if ("RHEV Hypervisor".equals(product)) {
                f.typed("RHEV");
            }
        }
        if (oneOf(product, "VMware Virtual Platform", "VMware7,1")) {
            f.typed("VMware");
        }
        if (oneOf(product, "OpenStack Compute", "OpenStack Nova")) {
            f.typed("openstack");
        }
        if ("Xen".equals(bios)) {
            f.typed("xen");
        }
        if ("innotek GmbH".equals(bios)) {
            f.typed("virtualbox");
        }
        if (oneOf(bios, "Amazon EC2", "DigitalOcean", "Hetzner")) {
            f.typed("kvm");
        }
        if (vendor != null && KVM_SYS_VENDORS.contains(vendor)) {
            f.typed("kvm");
        }
        if ("KubeVirt".equals(vendor)) {
            f.typed("KubeVirt");
        }
        if ("Microsoft Corporation".equals(vendor)) {
            f.typed("VirtualPC");
        }
        if ("Parallels Software International Inc.".equals(vendor)) {
            f.typed("parallels");
        }
        if ("OpenStack Foundation".equals(vendor)) {
            f.typed("openstack");
        }
        if (!f.found) {
            f.role = null;
        }
        for (String line : raw.lines("vxid")) {
            if (line.matches("^VxID:\\s+\\d+.*")) {
                if (!f.found) {
                    f.type = "linux_vserver";
                }
                boolean vserverHost = line.matches("^VxID:\\s+0.*");
                (vserverHost ? f.host : f.guestTech).add("linux_vserver");
                f.roleIfNew(vserverHost ? "host" : "guest");
                f.found = true;
            }
        }
        cpuinfo(raw, f);
        modules(raw, f);
        String dmidecode = raw.section("dmidecode");
        if (raw.has("dmidecode")) {
            String name = String.join("", dmidecode.lines().filter(l -> !l.startsWith("#")).map(String::strip).toList());
            if (name.startsWith("VMware")) {
                f.guest("VMware", "VMware", "guest");
            }
            if (dmidecode.contains("BHYVE")) {
                f.guest("bhyve", "bhyve", "guest");
            }
        }
        if (raw.exists("/dev/kvm")) {
            f.host.add("kvm");
            if (!f.found) {
                f.type = "kvm";
                f.role = "host";
                f.found = true;
            }
        }
        if (!f.found) {
            f.type = "NA";
            f.role = "NA";
        }
        facts.put("virtualization_type", f.type);
        facts.put("virtualization_role", f.role);
        facts.put("virtualization_tech_guest", new ArrayList<>(f.guestTech));
        facts.put("virtualization_tech_host", new ArrayList<>(f.host));
    }

    private static boolean oneOf(String value, String... candidates) {
        return value != null && List.of(candidates).contains(value);
    }

    private static void cpuinfo(RawFacts raw, Finding f) {
        for (String line : raw.file("/proc/cpuinfo").orElse("").split("\n")) {
            String tech;
            if (line.matches("^model name.*QEMU Virtual CPU.*") || line.matches("^machine.*CHRP IBM pSeries .emulated by qemu..*")) {
                tech = "kvm";
            } else if (line.matches("^vendor_id.*User Mode Linux.*") || line.matches("^model name.*UML.*")) {
                tech = "uml";
            } else if (line.matches("^vendor_id.*PowerVM Lx86.*")) {
                tech = "powervm_lx86";
            } else if (line.matches("^vendor_id.*IBM/S390.*")) {
                tech = "PR/SM";
            } else {
                continue;
            }
            f.guestTech.add(tech);
            if (!f.found) {
                f.type = tech;
                f.role = tech.equals("PR/SM") ? "LPAR" : "guest";
                f.found = true;
            }
        }
    }

    private static void modules(RawFacts raw, Finding f) {
        if (!raw.has("modules")) {
            return;
        }
        List<String> modules = raw.lines("modules");
        if (modules.contains("kvm")) {
            f.host.add("kvm");
            if (!f.found) {
                f.type = "kvm";
                f.role = "host";
            }
            f.found = true;
        }
        if (modules.contains("vboxdrv")) {
            f.host.add("virtualbox");
            if (!f.found) {
                f.type = "virtualbox";
                f.role = "host";
                f.found = true;
            }
        }
        if (modules.contains("virtio")) {
            f.host.add("kvm");
            if (!f.found) {
                f.type = "kvm";
                f.role = "guest";
                f.found = true;
            }
        }
    }

    /** What has been found so far. */
    private static final class Finding {
        final Set<String> guestTech = new TreeSet<>();
        final Set<String> host = new TreeSet<>();
        String type;
        String role;
        boolean found;

        void guest(String tech, String newType, String newRole) {
            guestTech.add(tech);
            typeRoleIfNew(newType, newRole);
            found = true;
        }

        void typeRoleIfNew(String newType, String newRole) {
            if (!found) {
                type = newType;
                role = newRole;
            }
        }

        void roleIfNew(String newRole) {
            if (!found) {
                role = newRole;
            }
        }

        /** A DMI finding: the type only; the role stays what was decided before. */
        void typed(String tech) {
            guestTech.add(tech);
            if (!found) {
                type = tech;
                found = true;
            }
        }
    }
}
