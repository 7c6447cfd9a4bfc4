package dev.drover.facts;

import java.util.List;
import java.util.Map;

/** Ansible's platform facts: uname, host names as Python's socket module sees them, machine_id. */
final class Platform {

    private Platform() {
    }

    static void describe(RawFacts raw, Map<String, Object> facts) {
        List<String> uname = raw.lines("uname");
        String system = at(uname, 0);
        String machine = at(uname, 3);
        String node = at(uname, 4);
        facts.put("system", system);
        facts.put("kernel", at(uname, 1));
        facts.put("kernel_version", at(uname, 2));
        facts.put("machine", machine);
        Python.version(raw.section("python")).ifPresent(v -> facts.put("python_version", v));
        String fqdn = fqdn(node, raw.section("fqdn"));
        facts.put("fqdn", fqdn);
        facts.put("hostname", node.split("\\.", -1)[0]);
        facts.put("nodename", node);
        facts.put("domain", fqdn.contains(".") ? fqdn.substring(fqdn.indexOf('.') + 1) : "");
        String bits = raw.section("long_bit").strip();
        facts.put("userspace_bits", bits);
        facts.put("architecture", machine);
        if (machine.equals("x86_64")) {
            if (bits.equals("64")) {
                facts.put("userspace_architecture", "x86_64");
            } else if (bits.equals("32")) {
                facts.put("userspace_architecture", "i386");
            }
        } else if (machine.matches(".*i([3456]86|86pc).*")) {
            facts.put("architecture", "i386");
        }
        String machineId = raw.file("/var/lib/dbus/machine-id").filter(s -> !s.isEmpty())
                .or(() -> raw.file("/etc/machine-id").filter(s -> !s.isEmpty())).orElse(null);
        if (machineId != null) {
            facts.put("machine_id", machineId.lines().findFirst().orElse(""));
        }
    }

    /**
     * socket.getfqdn(): the names of the host name's first address (its canonical name then
     * aliases), the first holding a dot, else the canonical name; the node name when the
     * address has no name.
     */
    static String fqdn(String node, String hostsLine) {
        String[] words = hostsLine.strip().split("\\s+");
        if (hostsLine.isBlank() || words.length < 2) {
            return node;
        }
        for (int i = 1; i < words.length; i++) {
            if (words[i].contains(".")) {
                return words[i];
            }
        }
        return words[1];
    }

    private static String at(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index) : "";
    }
}
