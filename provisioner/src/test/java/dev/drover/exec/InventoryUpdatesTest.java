package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.report.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** add_host and group_by results, laid over the loaded inventory for the plays that follow. */
class InventoryUpdatesTest {

    private final Inventory loaded = inventory();

    private static Inventory inventory() {
        Map<String, Host> hosts = new LinkedHashMap<>();
        hosts.put("web1", new Host("web1", Map.of("ansible_host", "10.0.0.1")));
        hosts.put("web2", new Host("web2", Map.of()));
        Map<String, Group> groups = new LinkedHashMap<>();
        groups.put("all", new Group("all", List.of(), List.of("web"), Map.of()));
        groups.put("web", new Group("web", List.of("web1", "web2"), List.of(), Map.of()));
        return new Inventory(hosts, groups);
    }

    private static TaskOutcome addHost(String name, List<String> groups, Map<String, Object> vars) {
        return new TaskOutcome(Status.CHANGED, Map.of("changed", true,
                "add_host", Map.of("host_name", name, "groups", groups, "host_vars", vars)));
    }

    @Test
    void nothingRecordedLeavesTheInventoryAsLoaded() {
        assertThat(new InventoryUpdates().applyTo(loaded)).isSameAs(loaded);
    }

    @Test
    void addHostAddsNewHostsAndGivesKnownOnesGroupsAndVariables() {
        InventoryUpdates updates = new InventoryUpdates();
        updates.record(addHost("db1", List.of("db", "backup"), Map.of("role", "primary")));
        updates.record(addHost("web1", List.of("db"), Map.of("extra", 1)));
        Inventory now = updates.applyTo(loaded);
        assertThat(now.hostsIn("db")).containsExactly("web1", "db1");
        assertThat(now.hostsIn("backup")).containsExactly("db1");
        assertThat(now.hostsIn("all")).containsExactly("web1", "web2", "db1");
        assertThat(now.host("db1").vars()).containsEntry("role", "primary");
        assertThat(now.host("web1").vars()).containsEntry("ansible_host", "10.0.0.1").containsEntry("extra", 1);
        assertThat(now.groupsOf("web1")).contains("db", "web");
    }

    @Test
    void addHostInALoopAddsEveryItemsHost() {
        InventoryUpdates updates = new InventoryUpdates();
        Map<String, Object> one = Map.of("add_host", Map.of("host_name", "a", "groups", List.of("g"), "host_vars", Map.of()));
        Map<String, Object> skipped = Map.of("skipped", true);
        Map<String, Object> two = Map.of("add_host", Map.of("host_name", "b", "groups", List.of("g"), "host_vars", Map.of()));
        updates.record(new TaskOutcome(Status.CHANGED, Map.of("results", List.of(one, skipped, two))));
        assertThat(updates.applyTo(loaded).hostsIn("g")).containsExactly("a", "b");
    }

    @Test
    void groupByPutsTheHostInTheGroupUnderItsParents() {
        InventoryUpdates updates = new InventoryUpdates();
        TaskOutcome result = new TaskOutcome(Status.CHANGED, Map.of("changed", true, "add_group", "os_debian",
                "parent_groups", List.of("linux")));
        updates.record(result, "web2");
        Inventory now = updates.applyTo(loaded);
        assertThat(now.hostsIn("os_debian")).containsExactly("web2");
        assertThat(now.hostsIn("linux")).containsExactly("web2");
        assertThat(now.groupsOf("web2")).contains("linux", "os_debian", "web");
        assertThat(now.groupsMap()).containsKeys("linux", "os_debian");
    }

    @Test
    void failedResultsAddNothing() {
        InventoryUpdates updates = new InventoryUpdates();
        updates.record(new TaskOutcome(Status.FAILED, Map.of("failed", true, "add_group", "x")), "web1");
        assertThat(updates.applyTo(loaded).hostsIn("x")).isEmpty();
    }
}
