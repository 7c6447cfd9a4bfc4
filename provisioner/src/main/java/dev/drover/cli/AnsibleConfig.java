package dev.drover.cli;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's ansible.cfg, found where ansible-playbook looks (ANSIBLE_CONFIG, ./ansible.cfg,
 * ~/.ansible.cfg, /etc/ansible/ansible.cfg: the first there), read as the ANSIBLE_* variables
 * its settings stand for. Those are what drover already honours, so a setting and its
 * variable mean the same; a variable actually set in the environment wins over the file, and
 * the command line over both, as in Ansible.
 *
 * <p>Paths in it (inventory, roles_path, vault_password_file, private_key_file) are relative
 * to the file's folder, as Ansible reads them.
 */
final class AnsibleConfig {

    /** A setting drover applies: where it is in the file, the variable it stands for, whether it holds paths. */
    private record Setting(String section, String key, String variable, String pathSeparator) {
    }

    private static final List<Setting> APPLIED = List.of(
            new Setting("defaults", "inventory", "ANSIBLE_INVENTORY", ","),
            new Setting("defaults", "roles_path", "ANSIBLE_ROLES_PATH", ":"),
            new Setting("defaults", "vault_password_file", "ANSIBLE_VAULT_PASSWORD_FILE", ""),
            new Setting("defaults", "private_key_file", "ANSIBLE_PRIVATE_KEY_FILE", ""),
            new Setting("defaults", "remote_user", "ANSIBLE_REMOTE_USER", null),
            new Setting("defaults", "host_key_checking", "ANSIBLE_HOST_KEY_CHECKING", null),
            new Setting("defaults", "forks", "ANSIBLE_FORKS", null),
            new Setting("defaults", "timeout", "ANSIBLE_TIMEOUT", null),
            new Setting("defaults", "gathering", "ANSIBLE_GATHERING", null),
            new Setting("defaults", "stdout_callback", "ANSIBLE_STDOUT_CALLBACK", null),
            new Setting("defaults", "force_handlers", "ANSIBLE_FORCE_HANDLERS", null),
            new Setting("defaults", "poll_interval", "ANSIBLE_POLL_INTERVAL", null),
            new Setting("defaults", "strategy", "ANSIBLE_STRATEGY", null),
            new Setting("defaults", "force_color", "ANSIBLE_FORCE_COLOR", null),
            new Setting("defaults", "nocolor", "ANSIBLE_NOCOLOR", null),
            new Setting("privilege_escalation", "become", "ANSIBLE_BECOME", null),
            new Setting("privilege_escalation", "become_user", "ANSIBLE_BECOME_USER", null),
            new Setting("privilege_escalation", "become_method", "ANSIBLE_BECOME_METHOD", null),
            new Setting("privilege_escalation", "become_ask_pass", "ANSIBLE_BECOME_ASK_PASS", null),
            new Setting("privilege_escalation", "become_flags", "ANSIBLE_BECOME_FLAGS", null));

    private final Path file;
    /** Every setting of the file, as "section.key" in the order written. */
    private final Map<String, String> values;

    private AnsibleConfig(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** The ansible.cfg ansible-playbook would use, run from {@code workingDir}, if there is one. */
    static Optional<AnsibleConfig> find(Map<String, String> environment, Path workingDir) {
        List<Path> candidates = new ArrayList<>();
        String named = environment.get("ANSIBLE_CONFIG");
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            candidates.add(Files.isDirectory(path) ? path.resolve("ansible.cfg") : path);
        }
        candidates.add(workingDir.resolve("ansible.cfg"));
        String home = environment.get("HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, ".ansible.cfg"));
        }
        candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(read(candidate.toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    static AnsibleConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), SourceLocation.of(file),
                    "fix its permissions, or point ANSIBLE_CONFIG at another file");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String section = null;
        String lastKey = null;
        int number = 0;
        for (String line : text.split("\r?\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && lastKey != null) {
                values.merge(lastKey, "\n" + withoutComment(trimmed), String::concat); // a continuation line
                continue;
            }
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                section = trimmed.substring(1, trimmed.length() - 1).strip().toLowerCase(java.util.Locale.ROOT);
                lastKey = null;
                continue;
            }
            int equals = firstOf(trimmed, '=', ':');
            if (section == null || equals <= 0) {
                throw new UserError("ansible.cfg line " + number + " is neither a [section] nor key = value: " + trimmed,
                        new SourceLocation(file, number, 1), "ansible-playbook could not read it either");
            }
            lastKey = section + "." + trimmed.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT);
            values.put(lastKey, withoutComment(trimmed.substring(equals + 1).strip()));
        }
        return new AnsibleConfig(file, values);
    }

    Path file() {
        return file;
    }

    /**
     * {@code environment} with the file's settings as the ANSIBLE_* variables they stand for,
     * under those already set (the environment wins, as in Ansible).
     */
    Map<String, String> under(Map<String, String> environment) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Setting setting : APPLIED) {
            String value = values.get(setting.section() + "." + setting.key());
            if (value != null && !value.isEmpty()) {
                merged.put(setting.variable(), setting.pathSeparator() == null ? value : resolvePaths(value, setting.pathSeparator()));
            }
        }
        merged.putAll(environment);
        return merged;
    }

    /**
     * Settings drover does not apply that change what a playbook does (not merely how hosts
     * are reached), with their values: every run warns of them.
     */
    List<String> ignoredChanges() {
        List<String> changes = new ArrayList<>();
        for (String key : List.of("hash_behaviour", "jinja2_native", "error_on_undefined_vars", "any_errors_fatal",
                "max_fail_percentage", "inject_facts_as_vars", "private_role_vars")) {
            String value = values.get("defaults." + key);
            if (value != null) {
                changes.add(key + " = " + value);
            }
        }
        return changes;
    }

    /** The settings in the file that drover does not apply, as "[section] key": -v lists them. */
    List<String> notApplied() {
        List<String> applied = APPLIED.stream().map(s -> s.section() + "." + s.key()).toList();
        return values.keySet().stream().filter(key -> !applied.contains(key))
                .map(key -> "[" + key.substring(0, key.indexOf('.')) + "] " + key.substring(key.indexOf('.') + 1)).toList();
    }

    /** Each path relative to the file's folder; "~" is the user's home, as Ansible expands it. */
    private String resolvePaths(String value, String separator) {
        List<String> parts = separator.isEmpty() ? List.of(value) : List.of(value.split(java.util.regex.Pattern.quote(separator)));
        List<String> resolved = new ArrayList<>();
        for (String part : parts) {
            String path = part.strip();
            if (path.isEmpty()) {
                continue;
            }
            Path beside = file.getParent().resolve(path).normalize();
            if (path.startsWith("~")) {
                resolved.add(System.getProperty("user.home") + path.substring(1));
            } else if (Path.of(path).isAbsolute() || !Files.exists(beside) && !Files.exists(beside.getParent())) {
                resolved.add(path); // absolute, or not a path at all (a host name)
            } else {
                resolved.add(beside.toString());
            }
        }
        return String.join(separator.isEmpty() ? "" : separator, resolved);
    }

    /** A value without an inline "; comment", as Ansible's parser (inline_comment_prefixes=(';',)) reads it. */
    private static String withoutComment(String value) {
        int comment = value.indexOf(" ;");
        return (comment < 0 ? value : value.substring(0, comment)).strip();
    }

    private static int firstOf(String text, char a, char b) {
        int first = text.indexOf(a);
        int second = text.indexOf(b);
        return first < 0 ? second : second < 0 ? first : Math.min(first, second);
    }
}
