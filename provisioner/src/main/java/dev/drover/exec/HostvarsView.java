package dev.drover.exec;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.VarsDirectory;
import dev.drover.template.TemplateScope;
import dev.drover.vars.LayeredVars;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code hostvars} variable: every inventory host's variables, facts and set_facts,
 * looked up when read so that a fact gathered on one host is visible from another. Each
 * host's entry is a {@link TemplateScope} of its own variables.
 */
final class HostvarsView extends AbstractMap<String, Object> {

    private final Inventory inventory;
    private final List<VarsDirectory> dirs;
    private final Map<String, HostState> states;

    HostvarsView(Inventory inventory, List<VarsDirectory> dirs, Map<String, HostState> states) {
        this.inventory = inventory;
        this.dirs = List.copyOf(dirs);
        this.states = states;
    }

    @Override
    public Object get(Object key) {
        String host = String.valueOf(key);
        if (inventory.host(host) == null) {
            return null;
        }
        LayeredVars vars = PlayScope.inventoryVars(inventory, dirs, host);
        HostState state = states.get(host);
        if (state != null) {
            vars = vars.with(state.factVars).with(state.hostVars).with(Map.of("ansible_facts", state.facts));
        }
        // A scope, not plain vars: the templar renders another host's variables against that
        // host's own variables, so hostvars['lab2'].x with x: "{{ inventory_hostname }}" is lab2.
        return new TemplateScope(vars.with(Map.of("inventory_hostname", host)), List.of(), "hostvars['" + host + "']");
    }

    @Override
    public boolean containsKey(Object key) {
        return inventory.host(String.valueOf(key)) != null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        Map<String, Object> all = new LinkedHashMap<>();
        inventory.hosts().forEach(h -> all.put(h.name(), get(h.name())));
        return all.entrySet();
    }
}
