package dev.drover.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ansible's virtualization facts, from systemd-detect-virt. */
final class Virtualization {

    private Virtualization() {
    }

    static Map<String, Object> describe(String container, String vm) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> guest = new ArrayList<>();
        String type = "NA";
        String role = "NA";
        if (known(container)) {
            // Ansible names systemd-nspawn "container"; docker and lxc by their own names.
            type = container.equals("docker") || container.startsWith("lxc") || container.equals("podman") ? container : "container";
            role = "guest";
            guest.add(container);
            guest.add("container");
        } else if (known(vm)) {
            type = vm;
            role = "guest";
            guest.add(vm);
        }
        facts.put("virtualization_type", type);
        facts.put("virtualization_role", role);
        facts.put("virtualization_tech_guest", guest);
        facts.put("virtualization_tech_host", List.of());
        return facts;
    }

    private static boolean known(String value) {
        return value != null && !value.isBlank() && !value.equals("none");
    }
}
