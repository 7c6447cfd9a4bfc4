package dev.drover.exec;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryLoader;
import dev.drover.inventory.VarsDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's variables as the inventory alone defines them (group and host vars, group_vars/
 * and host_vars/ beside the inventory) plus the magic variables that need no play:
 * inventory_hostname, group_names, groups. What {@code drover check} templates check files with.
 */
public final class InventoryVars {

    private final Inventory inventory;
    private final List<VarsDirectory> directories = new ArrayList<>();

    public InventoryVars(InventoryLoader.Loaded loaded) {
        this.inventory = loaded.inventory();
        loaded.varsBases().forEach(base -> directories.add(VarsDirectory.load(base, inventory)));
    }

    public Map<String, Object> of(String host, Map<String, Object> extraVars) {
        Map<String, Object> magic = new HashMap<>();
        magic.put("inventory_hostname", host);
        magic.put("inventory_hostname_short", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        List<String> groupNames = new ArrayList<>(inventory.groupsOf(host));
        groupNames.remove(Inventory.ALL);
        groupNames.remove(Inventory.UNGROUPED);
        groupNames.sort(String::compareTo);
        magic.put("group_names", groupNames);
        magic.put("groups", inventory.groupsMap());
        return PlayScope.inventoryVars(inventory, directories, host).with(extraVars).with(magic);
    }
}
