package dev.drover.exec;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.VarsDirectory;
import dev.drover.playbook.Play;
import dev.drover.playbook.PlayRole;
import dev.drover.playbook.Role;
import dev.drover.playbook.Task;
import dev.drover.template.Templar;
import dev.drover.vars.LayeredVars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's variables in one play, in Ansible's precedence order (lowest first):
 * role defaults, inventory group vars (all, then groups by depth), group_vars/ beside the
 * inventory then the playbook, inventory host vars, host_vars/ likewise, facts, play vars,
 * vars_files, role vars; then per task: the task's role vars, block vars, task vars,
 * set_fact/register, role params, extra vars, and the magic variables.
 */
final class PlayScope {

    private final Inventory inventory;
    private final List<VarsDirectory> varsDirectories;
    private final Play play;
    private final Map<String, Object> varsFileVars;
    private final RunOptions options;
    private final Map<String, Object> playMagic;
    private final Map<String, LayeredVars> hostBase = new HashMap<>();
    private final Map<String, Object> allRoleDefaults;
    private final Map<String, Object> allRoleVars;

    PlayScope(Inventory inventory, List<VarsDirectory> varsDirectories, Play play, Map<String, Object> varsFileVars,
              RunOptions options, Map<String, Object> playMagic) {
        this.inventory = inventory;
        this.varsDirectories = List.copyOf(varsDirectories);
        this.play = play;
        this.varsFileVars = varsFileVars;
        this.options = options;
        this.playMagic = playMagic;
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> roleVars = new LinkedHashMap<>();
        for (PlayRole role : play.roles()) {
            defaults.putAll(role.role().defaults());
            roleVars.putAll(role.role().vars());
        }
        // Roles brought in by import_role expose their defaults and vars to the whole play too.
        for (Role role : ImportedRoles.of(play)) {
            defaults.putAll(role.defaults());
            roleVars.putAll(role.vars());
        }
        this.allRoleDefaults = defaults;
        this.allRoleVars = roleVars;
    }

    /**
     * include_role with public: true: the role's defaults and vars join the play's from now
     * on (the cached layers hold these maps, so they see the additions).
     */
    synchronized void expose(Role role) {
        allRoleDefaults.putAll(role.defaults());
        allRoleVars.putAll(role.vars());
    }

    /** Inventory-level variables of a host (no play in sight), as {@code hostvars} shows other hosts. */
    static LayeredVars inventoryVars(Inventory inventory, List<VarsDirectory> dirs, String host) {
        List<Map<String, ?>> layers = new ArrayList<>();
        List<String> groups = inventory.groupsOf(host);
        // 'all' from every source first, then the other groups, as Ansible orders them.
        layers.add(inventory.group(Inventory.ALL).vars());
        dirs.forEach(d -> layers.add(d.group(Inventory.ALL)));
        for (String group : groups) {
            if (!group.equals(Inventory.ALL)) {
                layers.add(inventory.group(group).vars());
            }
        }
        for (VarsDirectory d : dirs) {
            for (String group : groups) {
                if (!group.equals(Inventory.ALL)) {
                    layers.add(d.group(group));
                }
            }
        }
        layers.add(inventory.host(host).vars());
        dirs.forEach(d -> layers.add(d.host(host)));
        return LayeredVars.of(layers);
    }

    /**
     * Everything up to role vars for this host and role: the part that does not depend on the
     * task. The task's own role's defaults and vars sit above those of the play's other roles.
     * {@code login} is the task's remote_user and port as ansible_user and ansible_port: above
     * the command line's -u, below every variable, so a host's own ansible_user still wins, as in
     * Ansible.
     */
    synchronized LayeredVars hostVars(HostState state, Role role, Map<String, Object> login) {
        String key = state.name() + (role == null ? "" : "\u0000" + role.name() + "@" + System.identityHashCode(role))
                + (login.isEmpty() ? "" : "\u0000" + login);
        return hostBase.computeIfAbsent(key, k -> {
            List<Map<String, ?>> layers = new ArrayList<>();
            layers.add(options.connectionDefaults());
            layers.add(login);
            layers.add(allRoleDefaults);
            layers.add(role == null ? Map.of() : role.defaults());
            layers.add(inventoryVars(inventory, varsDirectories, state.name()));
            layers.add(state.factVars);
            layers.add(play.vars());
            layers.add(varsFileVars);
            layers.add(allRoleVars);
            layers.add(role == null ? Map.of() : role.vars());
            return LayeredVars.of(layers);
        });
    }

    /** The variables a task sees on a host, before loop variables. */
    Path playbookDir() {
        return play.baseDir();
    }

    LayeredVars taskVars(HostState state, Task task) {
        LayeredVars vars = hostVars(state, task.role(), task.run().login())
                .with(task.blockVars())
                .with(task.vars())
                .with(state.hostVars);
        if (task.role() != null) {
            vars = vars.with(task.role().params());
        }
        return vars.with(options.extraVars()).with(playMagic).with(hostMagic(state, task));
    }

    private Map<String, Object> hostMagic(HostState state, Task task) {
        Map<String, Object> magic = new HashMap<>();
        String name = state.name();
        magic.put("inventory_hostname", name);
        magic.put("inventory_hostname_short", name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        List<String> groupNames = new ArrayList<>(inventory.groupsOf(name));
        groupNames.remove(Inventory.ALL);
        groupNames.remove(Inventory.UNGROUPED);
        groupNames.sort(String::compareTo);
        magic.put("group_names", groupNames);
        magic.put("ansible_facts", state.facts);
        if (task.role() != null) {
            magic.put("role_name", task.role().name());
            magic.put("role_path", task.role().path().toString());
            magic.put("ansible_role_name", task.role().name());
        }
        return magic;
    }

    static Map<String, Object> playMagic(Inventory inventory, Play play, RunOptions options, List<String> playHosts,
                                         Path inventoryDir, Map<String, Object> hostvars) {
        Map<String, Object> magic = new HashMap<>();
        magic.put("groups", inventory.groupsMap());
        magic.put("hostvars", hostvars);
        magic.put("play_hosts", playHosts);
        magic.put("ansible_play_hosts", playHosts);
        magic.put("ansible_play_batch", playHosts);
        magic.put("ansible_play_hosts_all", playHosts);
        magic.put("ansible_play_name", play.name());
        magic.put("playbook_dir", play.baseDir().toString());
        if (inventoryDir != null) {
            magic.put("inventory_dir", inventoryDir.toString());
        }
        magic.put("ansible_check_mode", options.check());
        magic.put("ansible_diff_mode", options.diff());
        magic.put("ansible_verbosity", options.verbosity());
        magic.put("ansible_forks", options.forks());
        magic.put("ansible_run_tags", options.tags().isEmpty() ? List.of("all") : List.copyOf(options.tags()));
        magic.put("ansible_skip_tags", List.copyOf(options.skipTags()));
        magic.put("omit", Templar.OMIT_TOKEN);
        magic.put("ansible_version", Map.of("full", "2.14.0", "major", 2, "minor", 14, "revision", 0, "string", "2.14.0 (drover)"));
        return magic;
    }
}
