package dev.drover.facts;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one POSIX shell command that reads, for the selected collectors, every file and
 * command output Ansible's collectors would read. Its output is a series of sections,
 * each opened by a line {@code @@@NAME}: {@code file:PATH} holds a file's content (the
 * section is absent when the file is), {@code exists:PATH} says that a path exists, and
 * named sections hold a command's output. Everything is decided later, in Java.
 */
final class FactScript {

    static final String MARKER = "@@@";

    /** Section start; file content when the file exists; existence of a path. */
    private static final String PRELUDE = String.join("\n",
            "s() { printf '\\n" + MARKER + "%s\\n' \"$1\"; }",
            // files are read by the shell itself: no process per file
            "c() { if [ -e \"$1\" ]; then s \"file:$1\"; { while IFS= read -r l || [ -n \"$l\" ]; do printf '%s\\n' \"$l\"; done < \"$1\"; } 2>/dev/null; fi; }",
            "cf() { if [ -e \"$1\" ]; then s \"file:$1\"; cat \"$1\" 2>/dev/null; fi; }",
            "e() { if [ -e \"$1\" ]; then s \"exists:$1\"; fi; }",
            "r() { v=; read -r v < \"$1\" 2>/dev/null; }",
            "has() { command -v \"$1\" >/dev/null 2>&1; }");

    private static final Map<Collector, List<String>> FILES = Map.ofEntries(
            Map.entry(Collector.PLATFORM, List.of("/var/lib/dbus/machine-id", "/etc/machine-id")),
            Map.entry(Collector.DISTRIBUTION, List.of("/etc/os-release", "/usr/lib/os-release", "/etc/debian_version",
                    "/etc/lsb-release", "/etc/redhat-release", "/etc/centos-release", "/etc/alpine-release",
                    "/etc/system-release", "/etc/oracle-release", "/etc/SuSE-release", "/etc/gentoo-release")),
            Map.entry(Collector.LSB, List.of("/etc/lsb-release")),
            Map.entry(Collector.SELINUX, List.of("/sys/fs/selinux/enforce", "/sys/fs/selinux/policyvers", "/etc/selinux/config")),
            Map.entry(Collector.FIPS, List.of("/proc/sys/crypto/fips_enabled")),
            Map.entry(Collector.SERVICE_MGR, List.of("/proc/1/comm")),
            Map.entry(Collector.LOADAVG, List.of("/proc/loadavg")),
            Map.entry(Collector.CMDLINE, List.of("/proc/cmdline")),
            Map.entry(Collector.DNS, List.of("/etc/resolv.conf")),
            Map.entry(Collector.ISCSI, List.of("/etc/iscsi/initiatorname.iscsi")),
            Map.entry(Collector.NVME, List.of("/etc/nvme/hostnqn")),
            Map.entry(Collector.HARDWARE, List.of("/proc/cpuinfo", "/sys/hypervisor/type", "/proc/meminfo", "/proc/uptime")),
            Map.entry(Collector.VIRTUAL, List.of("/proc/1/cgroup", "/run/systemd/container", "/proc/xen/capabilities",
                    "/sys/devices/virtual/dmi/id/product_name", "/sys/devices/virtual/dmi/id/sys_vendor",
                    "/sys/devices/virtual/dmi/id/product_family", "/sys/devices/virtual/dmi/id/bios_vendor",
                    "/proc/cpuinfo")));

    private static final Map<Collector, List<String>> EXISTS = Map.ofEntries(
            Map.entry(Collector.DISTRIBUTION, List.of("/etc/arch-release")),
            Map.entry(Collector.APPARMOR, List.of("/sys/kernel/security/apparmor")),
            Map.entry(Collector.SELINUX, List.of("/sys/fs/selinux")),
            Map.entry(Collector.PKG_MGR, List.of(PackageManager.paths().toArray(String[]::new))),
            Map.entry(Collector.SERVICE_MGR, List.of("/run/systemd/system/", "/dev/.run/systemd/", "/dev/.systemd/",
                    "/etc/init/", "/sbin/openrc", "/etc/init.d/")),
            Map.entry(Collector.HARDWARE, List.of("/proc/xen")),
            Map.entry(Collector.VIRTUAL, List.of("/proc/vz", "/proc/lve", "/proc/bc", "/.dockerenv", "/.dockerinit",
                    "/proc/xen", "/dev/kvm", "/rhev/")));

    /** Drover needs no Python; when the host has one, python_version and ansible_python describe it. */
    private static final String PYTHON_PROBE = "p=$(command -v python3 2>/dev/null) && { s python; echo \"$p $($p -V 2>&1)\"; }";

    private static final Map<Collector, String> COMMANDS = Map.ofEntries(
            Map.entry(Collector.PLATFORM, String.join("\n",
                    // uname's fields; all but the machine are in /proc, read without a process each
                    "s uname; for k in ostype osrelease version; do r /proc/sys/kernel/$k; echo \"$v\"; done; uname -m;"
                            + " r /proc/sys/kernel/hostname; echo \"$v\"",
                    "s long_bit; getconf LONG_BIT 2>/dev/null",
                    // Python's socket.getfqdn(): the name's first address, then that address's names
                    "s fqdn; a=$(getent ahosts \"$(uname -n)\" 2>/dev/null | awk 'NR==1{print $1}');"
                            + " if [ -n \"$a\" ]; then getent hosts \"$a\" 2>/dev/null; fi")),
            Map.entry(Collector.PYTHON, PYTHON_PROBE),
            Map.entry(Collector.SSH_PUB_KEYS, HostIdentity.SSH_KEYS_SCRIPT),
            Map.entry(Collector.CHROOT, HostIdentity.CHROOT_SCRIPT),
            Map.entry(Collector.CAPS, "if has capsh; then o=$(capsh --print 2>/dev/null) && { s capsh; echo \"$o\"; }; fi"),
            Map.entry(Collector.FIBRE_CHANNEL_WWN, HostIdentity.FC_SCRIPT),
            Map.entry(Collector.LSB, "if has lsb_release; then s lsb_release; lsb_release -a 2>/dev/null; fi"),
            Map.entry(Collector.DISTRIBUTION, "if has lsb_release; then s lsb_release; lsb_release -a 2>/dev/null; fi"),
            Map.entry(Collector.PKG_MGR, "if [ -e /usr/bin/rpm ] && /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1;"
                    + " then s apt_rpm; fi"),
            Map.entry(Collector.SERVICE_MGR, String.join("\n",
                    "if has systemctl; then s systemctl; fi",
                    "if has initctl; then s initctl; fi",
                    "if [ -L /sbin/init ]; then s init_link; readlink /sbin/init; fi")),
            Map.entry(Collector.DATE_TIME, String.join("\n",
                    "s date; date +'%s %N %z %Z'; y=$(date +%Y)",
                    "s zones; date -d \"$y-01-01 12:00\" +'%z %Z' 2>/dev/null; date -d \"$y-07-01 12:00\" +'%z %Z' 2>/dev/null")),
            Map.entry(Collector.USER, String.join("\n",
                    "u=${LOGNAME:-${USER:-${LNAME:-${USERNAME:-}}}}; [ -n \"$u\" ] || u=$(id -un)",
                    "s user; id -u; id -g; echo \"$u\"; getent passwd \"$u\" || getent passwd \"$(id -u)\"")),
            Map.entry(Collector.HARDWARE, String.join("\n",
                    "s nproc; nproc 2>/dev/null",
                    HostIdentity.dmiScript(),
                    HostIdentity.LVM_SCRIPT,
                    "m=/etc/mtab; [ -e $m ] || m=/proc/mounts",
                    "s mtab; cat $m 2>/dev/null",
                    "if has findmnt; then s findmnt; findmnt --list --noheadings --notruncate 2>/dev/null; fi",
                    "if has lsblk; then s lsblk; lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null; fi",
                    "s statvfs; while read -r dev mnt fs rest; do",
                    "  case \"$dev\" in /*|\\\\*|*:/*) ;; *) continue ;; esac; [ \"$fs\" = none ] && continue",
                    "  p=$(printf '%b' \"$mnt\"); stat -f -c \"%S %s %b %a %c %d $mnt\" \"$p\" 2>/dev/null",
                    "done < $m",
                    "if has udevadm; then s udev; while read -r dev mnt fs rest; do case \"$dev\" in /*) ;; *) continue ;; esac;",
                    "  echo \"$dev $(udevadm info --query property --name \"$dev\" 2>/dev/null | sed -n 's/^ID_FS_UUID=//p')\"",
                    "done < $m; fi")),
            Map.entry(Collector.VIRTUAL, String.join("\n",
                    "s environ1; tr '\\0' '\\n' < /proc/1/environ 2>/dev/null | grep 'container='",
                    "s vxid; grep '^VxID:' /proc/self/status 2>/dev/null",
                    "if [ -r /proc/modules ]; then s modules; cut -d' ' -f1 /proc/modules; fi",
                    "if has dmidecode; then o=$(dmidecode -s system-product-name 2>/dev/null) && { s dmidecode; echo \"$o\"; }; fi")),
            Map.entry(Collector.NETWORK, String.join("\n",
                    "if has ip; then",
                    "s route4; ip -4 route get 8.8.8.8 2>/dev/null",
                    "s route6; ip -6 route get 2404:6800:400a:800::1012 2>/dev/null",
                    "s addr; ip addr show 2>/dev/null",
                    "s sysnet; for d in $(ls -U /sys/class/net 2>/dev/null); do p=/sys/class/net/$d; [ -d $p ] || continue",
                    "  echo \"device=$d\"",
                    "  for k in address mtu operstate type speed flags; do [ -e $p/$k ] && r $p/$k && echo \"$k=$v\"; done",
                    "  [ -e $p/device/driver/module ] && echo \"module=$(readlink -f $p/device/driver/module)\"",
                    "  [ -e $p/device ] && echo \"pciid=$(readlink $p/device)\"",
                    "  if [ -e $p/bridge ]; then echo \"brif=$(ls -U $p/brif 2>/dev/null | tr '\\n' ' ')\"",
                    "    [ -e $p/bridge/bridge_id ] && r $p/bridge/bridge_id && echo \"bridge_id=$v\"",
                    "    [ -e $p/bridge/stp_state ] && r $p/bridge/stp_state && echo \"stp_state=$v\"; fi",
                    "  if [ -e $p/bonding ]; then echo bonding=1",
                    "    for k in slaves mode miimon lacp_rate primary all_slaves_active; do r $p/bonding/$k && echo \"bonding_$k=$v\"; done; fi",
                    "  [ -e $p/bonding_slave ] && r $p/bonding_slave/perm_hwaddr && echo \"perm_hwaddr=$v\"",
                    "done",
                    "fi")));

    private FactScript() {
    }

    /** The command for these collectors; local facts come from factPath (null: none). */
    static String build(Set<Collector> collectors, String factPath) {
        Set<String> files = new LinkedHashSet<>();
        Set<String> exists = new LinkedHashSet<>();
        Set<String> commands = new LinkedHashSet<>();
        for (Collector c : Collector.values()) {
            if (!collectors.contains(c)) {
                continue;
            }
            files.addAll(FILES.getOrDefault(c, List.of()));
            exists.addAll(EXISTS.getOrDefault(c, List.of()));
            if (COMMANDS.containsKey(c)) {
                commands.add(COMMANDS.get(c));
            }
            if (c == Collector.PLATFORM) {
                commands.add(PYTHON_PROBE);
            }
        }
        StringBuilder script = new StringBuilder(PRELUDE).append('\n');
        if (collectors.contains(Collector.ENV)) {
            // before the locale below is set: the environment as the login gave it
            script.append("s env; env -0 | base64 | tr -d '\\n'\n");
        }
        script.append("LC_ALL=C; export LC_ALL\n");
        // the shell reads a byte at a time: large files go through cat
        files.forEach(f -> script.append(f.equals("/proc/cpuinfo") ? "cf " : "c ").append(f).append('\n'));
        exists.forEach(f -> script.append("e ").append(f).append('\n'));
        commands.forEach(c -> script.append(c).append('\n'));
        if (collectors.contains(Collector.LOCAL) && factPath != null) {
            script.append(LocalFacts.script(factPath)).append('\n');
        }
        script.append("s end\n");
        return script.toString();
    }
}
