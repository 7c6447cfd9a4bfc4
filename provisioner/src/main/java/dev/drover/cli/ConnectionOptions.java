package dev.drover.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The inventory, variable, connection and vault options that every command reaching hosts
 * shares ({@code drover play}, {@code drover check}, {@code drover sleep}), so they mean the same everywhere.
 */
final class ConnectionOptions {

    /** -i, -e and the vault options: all a command needs that reads the inventory but logs in nowhere. */
    @Mixin
    InventoryOptions inventory = new InventoryOptions();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Connect as USER (unless the inventory says otherwise).")
    String user;

    @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE", description = "SSH private key to log in with.")
    String privateKey;

    @Option(names = {"-c", "--connection"}, paramLabel = "TYPE", description = "ssh (default) or local.")
    String connection;

    @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS", description = "SSH connect timeout (default 10).")
    Integer timeout;

    @Option(names = {"-b", "--become"}, description = "Run with become (sudo) unless the inventory (or a play or task) says otherwise.")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "The user to become (default root).")
    String becomeUser;

    @Option(names = "--ssh-host-key-checking", paramLabel = "on|off",
            description = "Verify host keys against known_hosts (default on; ANSIBLE_HOST_KEY_CHECKING=False turns it off).")
    String hostKeyChecking;

    /** The inventory sources given, or DROVER_INVENTORY / ANSIBLE_INVENTORY / /etc/ansible/hosts. */
    List<String> inventorySources(Map<String, String> environment) {
        return inventory.inventorySources(environment);
    }

    /** -u, --private-key, -c, -T, -b and --become-user, as the variables they stand for. */
    Map<String, Object> connectionDefaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (user != null) {
            defaults.put("ansible_user", user);
        }
        if (privateKey != null) {
            defaults.put("ansible_ssh_private_key_file", privateKey);
        }
        if (connection != null) {
            defaults.put("ansible_connection", connection);
        }
        if (timeout != null) {
            defaults.put("ansible_ssh_timeout", timeout);
        }
        if (become) {
            defaults.put("ansible_become", true);
        }
        if (becomeUser != null) {
            defaults.put("ansible_become_user", becomeUser);
        }
        return defaults;
    }

    boolean verifyHostKeys(Map<String, String> environment) {
        if (hostKeyChecking != null) {
            return !(hostKeyChecking.equalsIgnoreCase("off") || hostKeyChecking.equalsIgnoreCase("false")
                    || hostKeyChecking.equalsIgnoreCase("no"));
        }
        String fromEnv = environment.getOrDefault("DROVER_HOST_KEY_CHECKING", environment.get("ANSIBLE_HOST_KEY_CHECKING"));
        return fromEnv == null || !(fromEnv.equalsIgnoreCase("false") || fromEnv.equalsIgnoreCase("no") || fromEnv.equals("0"));
    }
}
