package dev.drover.cli;

import dev.drover.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = {"-K", "--ask-become-pass"}, description = "Ask for the sudo password (ansible_become_password, if set, wins).")
    boolean askBecomePass;

    @Option(names = {"--become-password-file", "--become-pass-file"}, paramLabel = "FILE",
            description = "Read the sudo password from FILE's first line.")
    Path becomePasswordFile;

    @Option(names = "--ssh-host-key-checking", paramLabel = "on|off",
            description = "Verify host keys against known_hosts (default on; ANSIBLE_HOST_KEY_CHECKING=False turns it off).")
    String hostKeyChecking;

    /** The inventory sources given, or DROVER_INVENTORY / ANSIBLE_INVENTORY / /etc/ansible/hosts. */
    List<String> inventorySources(Map<String, String> environment) {
        return inventory.inventorySources(environment);
    }

    /** -u, --private-key, -c, -T, -b, --become-user and the become password, as the variables they stand for. */
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
        becomePassword().ifPresent(password -> defaults.put("ansible_become_password", password));
        return defaults;
    }

    /** Read once: -K asks only once however often the defaults are wanted. */
    private java.util.Optional<String> becomePassword;

    /** The password of -K (asked once, before the run) or --become-password-file. */
    private java.util.Optional<String> becomePassword() {
        if (becomePassword == null) {
            becomePassword = readBecomePassword();
        }
        return becomePassword;
    }

    private java.util.Optional<String> readBecomePassword() {
        if (becomePasswordFile != null) {
            try {
                String text = Files.readString(becomePasswordFile);
                return java.util.Optional.of(text.lines().findFirst().orElse(""));
            } catch (java.io.IOException e) {
                throw new UserError("cannot read the become password file " + becomePasswordFile + ": " + e.getMessage(), null,
                        "check the path given to --become-password-file");
            }
        }
        if (!askBecomePass) {
            return java.util.Optional.empty();
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw new UserError("cannot ask for the become password: there is no terminal", null,
                    "use --become-password-file FILE, or set ansible_become_password (in a vault file)");
        }
        char[] typed = console.readPassword("BECOME password: ");
        return java.util.Optional.of(typed == null ? "" : new String(typed));
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
