package dev.drover.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say which inventory to read and with which extra variables and vault
 * secrets: shared by every command that reads an inventory, including {@code drover wake},
 * which logs in nowhere (its {@code --timeout} is the wait for SSH, not a connect timeout).
 */
final class InventoryOptions {

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory file, folder, or comma-separated host list. Repeatable.")
    List<String> inventories = new ArrayList<>();

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "Extra variables: key=value, YAML/JSON, or @file. Repeatable; highest precedence.")
    List<String> extraVars = new ArrayList<>();

    @Mixin
    VaultOptions vaultOptions = new VaultOptions();

    /** The inventory sources given, or DROVER_INVENTORY / ANSIBLE_INVENTORY / /etc/ansible/hosts. */
    List<String> inventorySources(Map<String, String> environment) {
        if (!inventories.isEmpty()) {
            return inventories;
        }
        String fromEnv = environment.getOrDefault("DROVER_INVENTORY", environment.get("ANSIBLE_INVENTORY"));
        return List.of(fromEnv != null ? fromEnv : "/etc/ansible/hosts");
    }

    /** True when neither -i nor an environment variable names an inventory. */
    boolean noneGiven(Map<String, String> environment) {
        return inventories.isEmpty() && !environment.containsKey("DROVER_INVENTORY") && !environment.containsKey("ANSIBLE_INVENTORY");
    }
}
