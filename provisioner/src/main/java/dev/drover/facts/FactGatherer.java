package dev.drover.facts;

import dev.drover.transport.CommandResult;
import dev.drover.transport.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's most used facts, gathered with one POSIX shell command (no Python on the host):
 * hostname, OS and distribution, kernel, CPU and memory, default IPv4 route and addresses,
 * the remote user. Names follow Ansible's, without the {@code ansible_} prefix.
 */
public final class FactGatherer {

    /** One round trip: each line is key=value; addresses come as "addr=IFACE ADDRESS/PREFIX". */
    static final String SCRIPT = String.join("\n",
            "echo \"hostname=$(hostname -s 2>/dev/null || cat /proc/sys/kernel/hostname)\"",
            "echo \"nodename=$(uname -n)\"",
            "echo \"fqdn=$(hostname -f 2>/dev/null || uname -n)\"",
            "echo \"kernel=$(uname -r)\"",
            "echo \"kernel_version=$(uname -v)\"",
            "echo \"machine=$(uname -m)\"",
            "echo \"system=$(uname -s)\"",
            "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"os_id=$ID\"; echo \"os_version_id=$VERSION_ID\";"
                    + " echo \"os_codename=$VERSION_CODENAME\"; echo \"os_like=$ID_LIKE\"; echo \"os_name=$NAME\"; fi",
            "[ -r /etc/debian_version ] && echo \"debian_version=$(cat /etc/debian_version)\"",
            "echo \"vcpus=$(nproc 2>/dev/null || grep -c ^processor /proc/cpuinfo)\"",
            "awk '/^MemTotal:/{print \"memtotal_kb=\"$2} /^MemFree:/{print \"memfree_kb=\"$2} /^SwapTotal:/{print \"swaptotal_kb=\"$2}' /proc/meminfo",
            "ip -4 route show default 2>/dev/null | awk 'NR==1{for(i=1;i<=NF;i++){if($i==\"via\")print \"gateway=\"$(i+1); if($i==\"dev\")print \"default_if=\"$(i+1)}}'",
            "ip -4 -o addr show 2>/dev/null | awk '{print \"addr=\"$2\" \"$4}'",
            "for i in /sys/class/net/*; do [ -r $i/address ] && echo \"mac=${i##*/} $(cat $i/address)\"; done",
            "[ -r /etc/machine-id ] && echo \"machine_id=$(cat /etc/machine-id)\"",
            "echo \"pid1=$(cat /proc/1/comm 2>/dev/null)\"",
            "echo \"user_id=$(id -un)\"; echo \"user_uid=$(id -u)\"; echo \"user_gid=$(id -g)\"; echo \"user_dir=$HOME\"",
            "echo \"user_shell=$SHELL\"",
            "echo \"virt_container=$(systemd-detect-virt -c 2>/dev/null)\"; echo \"virt_vm=$(systemd-detect-virt -v 2>/dev/null)\"",
            // Drover needs no Python; when the host has one anyway, report it as Ansible does.
            "p=$(command -v python3 2>/dev/null) && echo \"python=$p $($p -V 2>&1)\"");

    private FactGatherer() {
    }

    public static Map<String, Object> gather(Target target) throws IOException {
        CommandResult result = target.run(SCRIPT);
        return parse(result.out());
    }

    static Map<String, Object> parse(String output) {
        Map<String, String> raw = new HashMap<>();
        List<String[]> addresses = new ArrayList<>();
        Map<String, String> macs = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "addr" -> addresses.add(value.split(" ", 2));
                case "mac" -> {
                    String[] parts = value.split(" ", 2);
                    if (parts.length == 2) {
                        macs.put(parts[0], parts[1]);
                    }
                }
                default -> raw.put(key, value);
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("hostname", raw.getOrDefault("hostname", ""));
        facts.put("nodename", raw.getOrDefault("nodename", ""));
        String fqdn = raw.getOrDefault("fqdn", "");
        facts.put("fqdn", fqdn);
        facts.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
        facts.put("system", raw.getOrDefault("system", "Linux"));
        facts.put("kernel", raw.getOrDefault("kernel", ""));
        facts.put("kernel_version", raw.getOrDefault("kernel_version", ""));
        facts.put("machine", raw.getOrDefault("machine", ""));
        facts.put("architecture", raw.getOrDefault("machine", ""));
        Distribution.describe(raw).forEach(facts::put);
        int vcpus = intOf(raw.get("vcpus"));
        facts.put("processor_vcpus", vcpus);
        facts.put("processor_count", vcpus);
        facts.put("processor_cores", vcpus);
        facts.put("memtotal_mb", intOf(raw.get("memtotal_kb")) / 1024);
        facts.put("memfree_mb", intOf(raw.get("memfree_kb")) / 1024);
        facts.put("swaptotal_mb", intOf(raw.get("swaptotal_kb")) / 1024);
        facts.put("service_mgr", "systemd".equals(raw.get("pid1")) ? "systemd" : raw.getOrDefault("pid1", "unknown"));
        facts.put("machine_id", raw.getOrDefault("machine_id", ""));
        facts.put("user_id", raw.getOrDefault("user_id", ""));
        facts.put("user_uid", intOf(raw.get("user_uid")));
        facts.put("user_gid", intOf(raw.get("user_gid")));
        facts.put("user_dir", raw.getOrDefault("user_dir", ""));
        facts.put("user_shell", raw.getOrDefault("user_shell", ""));
        Networking.describe(raw.get("default_if"), raw.get("gateway"), addresses, macs).forEach(facts::put);
        Virtualization.describe(raw.get("virt_container"), raw.get("virt_vm")).forEach(facts::put);
        Python.describe(raw.get("python")).ifPresent(python -> facts.put("python", python));
        return facts;
    }

    static int intOf(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
