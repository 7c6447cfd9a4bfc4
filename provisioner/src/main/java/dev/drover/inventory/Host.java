package dev.drover.inventory;

import dev.drover.yaml.Frozen;
import java.util.Map;

/** A host as the inventory declares it, with the variables written on it there. */
public record Host(String name, Map<String, Object> vars) {
    public Host {
        vars = Frozen.copy(vars);
    }

    /** The address to connect to: ansible_host, or the name itself. */
    public String address() {
        Object host = vars.get("ansible_host");
        return host == null ? name : String.valueOf(host);
    }

}
