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

    /**
     * -u, --private-key, -c, -T, -b, --become-user and the become password, as the variables
     * they stand for; where the command line is silent, Ansible's settings for them
     * (ANSIBLE_REMOTE_USER, ANSIBLE_PRIVATE_KEY_FILE, ANSIBLE_TIMEOUT, ANSIBLE_BECOME,
     * ANSIBLE_BECOME_USER, ANSIBLE_BECOME_FLAGS, ANSIBLE_BECOME_ASK_PASS: from the environment
     * or ansible.cfg).
     */
    Map<String, Object> connectionDefaults(Map<String, String> environment) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        String method = environment.get("ANSIBLE_BECOME_METHOD");
        if (method != null && !method.isBlank() && !method.strip().equals("sudo")) {
            throw new UserError("become_method '" + method.strip() + "' (ANSIBLE_BECOME_METHOD, or become_method in ansible.cfg)"
                    + " is not supported by drover; it becomes with sudo", null, "set it to sudo, or leave it out");
        }
        putFirst(defaults, "ansible_user", user, environment.get("ANSIBLE_REMOTE_USER"));
        putFirst(defaults, "ansible_ssh_private_key_file", privateKey, environment.get("ANSIBLE_PRIVATE_KEY_FILE"));
        putFirst(defaults, "ansible_connection", connection, null);
        putFirst(defaults, "ansible_ssh_timeout", timeout, environment.get("ANSIBLE_TIMEOUT"));
        if (become || isTrue(environment.get("ANSIBLE_BECOME"), "ANSIBLE_BECOME")) {
            defaults.put("ansible_become", true);
        }
        putFirst(defaults, "ansible_become_user", becomeUser, environment.get("ANSIBLE_BECOME_USER"));
        putFirst(defaults, "ansible_become_flags", null, environment.get("ANSIBLE_BECOME_FLAGS"));
        becomePassword(isTrue(environment.get("ANSIBLE_BECOME_ASK_PASS"), "ANSIBLE_BECOME_ASK_PASS"))
                .ifPresent(password -> defaults.put("ansible_become_password", password));
        return defaults;
    }

    private static void putFirst(Map<String, Object> defaults, String variable, Object given, String setting) {
        if (given != null) {
            defaults.put(variable, given);
        } else if (setting != null && !setting.isBlank()) {
            defaults.put(variable, setting.strip());
        }
    }

    /** A boolean setting as Ansible reads one; null or empty is false. */
    static boolean isTrue(String setting, String name) {
        if (setting == null || setting.isBlank()) {
            return false;
        }
        try {
            return dev.drover.modules.ModuleArgs.toBool(name, setting.strip());
        } catch (dev.drover.modules.ArgumentError e) {
            throw new UserError(name + " is '" + setting + "', not a boolean", null, "set it to true or false");
        }
    }

    /** Read once: -K asks only once however often the defaults are wanted. */
    private java.util.Optional<String> becomePassword;

    /** The password of -K (asked once, before the run) or --become-password-file; {@code ask}: as -K. */
    private java.util.Optional<String> becomePassword(boolean ask) {
        if (becomePassword == null) {
            becomePassword = readBecomePassword(askBecomePass || ask);
        }
        return becomePassword;
    }

    private java.util.Optional<String> readBecomePassword(boolean ask) {
        if (becomePasswordFile != null) {
            try {
                String text = Files.readString(becomePasswordFile);
                return java.util.Optional.of(text.lines().findFirst().orElse(""));
            } catch (java.io.IOException e) {
                throw new UserError("cannot read the become password file " + becomePasswordFile + ": " + e.getMessage(), null,
                        "check the path given to --become-password-file");
            }
        }
        if (!ask) {
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
