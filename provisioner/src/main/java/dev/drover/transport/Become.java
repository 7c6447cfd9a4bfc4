package dev.drover.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Privilege escalation for a task: run as {@code user} through sudo, with the become password
 * when sudo asks for one.
 *
 * <p>The password never goes on a command line and is never written to the host's disk. sudo
 * gets it from an askpass helper ({@code -A}): the helper is {@code printenv}, and sudo's
 * prompt, which it hands the helper as its one argument, is the name of an environment
 * variable holding the password for sudo alone. sudo runs the helper only when it needs a
 * password, so a cached credential or a NOPASSWD rule costs nothing and reads nothing.
 *
 * <p>The command first writes a marker on stderr: without it, sudo itself refused (a password
 * missing or wrong, a user not in sudoers), which {@link #refusal} words for the user.
 *
 * @param flags become_flags: sudo's options, or null for Ansible's default ({@code -H}: the
 *              target user's HOME). Their -S and -n are left out: how sudo is asked for a
 *              password is decided here.
 */
public record Become(boolean enabled, String user, String method, String flags, Optional<String> password) {

    public static final Become NONE = new Become(false, "root", "sudo", null, Optional.empty());

    /** Where Ansible's sudo looks for the become password, the first one set winning. */
    public static final List<String> PASSWORD_VARIABLES = List.of("ansible_become_password", "ansible_become_pass",
            "ansible_sudo_pass", "ansible_sudo_password");

    /** The marker the command writes once sudo has let it run. */
    static final String RAN = "__drover_become_ran";
    /** What follows the password's assignment: sudo's askpass helper. */
    private static final String ASKPASS = " SUDO_ASKPASS=\"$(command -v printenv)\" ";
    /** The variable sudo's askpass helper (printenv) reads the password from. */
    private static final String PASSWORD_VARIABLE = "DROVER_BECOME_PASSWORD";

    public Become {
        password = password == null ? Optional.empty() : password;
    }

    public static Become sudo(String user) {
        return sudo(user, Optional.empty());
    }

    public static Become sudo(String user, Optional<String> password) {
        return sudo(user, password, null);
    }

    /** @param flags become_flags as written, or null for Ansible's default */
    public static Become sudo(String user, Optional<String> password, String flags) {
        return new Become(true, user == null ? "root" : user, "sudo", flags, password);
    }

    /** Wraps a shell command so that it runs as the become user. */
    public String wrap(String command) {
        if (!enabled) {
            return command;
        }
        if (!"sudo".equals(method)) {
            throw new IllegalStateException("become_method " + method + " is not supported; use sudo");
        }
        String options = sudoOptions();
        // The marker comes first, before the
        // command can write anything; the password's variable is gone before the command starts.
        String inner = "printf '%s\\n' " + RAN + " >&2; unset " + PASSWORD_VARIABLE + "; " + command;
        String asUser = "-u " + ShellQuote.quote(user) + " /bin/sh -c " + ShellQuote.quote(inner);
        if (password.isEmpty()) {
            // -n: never prompt (a prompt would hang the run).
            return "sudo " + options + "-n " + asUser;
        }
        // -k: ask every time, as each of Ansible's tasks is asked; this shell is long-lived, and a
        // credential cached by one task would let a later task's wrong password through.
        return PASSWORD_VARIABLE + "=" + ShellQuote.quote(password.get()) + ASKPASS + "sudo " + options + "-k -A -p "
                + PASSWORD_VARIABLE + " " + asUser;
    }

    /**
     * sudo's options before drover's own, each followed by a space: -H (the target user's HOME,
     * Ansible's default) unless become_flags says otherwise. Their -S (a password on stdin) and
     * -n (never ask) are dropped, as Ansible drops -n when it has a password: drover asks sudo
     * its own way. Each flag is quoted, so become_flags cannot slip a command in.
     */
    private String sudoOptions() {
        if (flags == null) {
            return "-H ";
        }
        StringBuilder options = new StringBuilder();
        for (String flag : flags.strip().split("\\s+")) {
            if (!flag.isEmpty() && !flag.equals("-S") && !flag.equals("-n")) {
                options.append(ShellQuote.quote(flag)).append(' ');
            }
        }
        return options.toString();
    }

    /** A wrapped command as a trace may show it: the password's assignment blanked out. */
    public static String hidePassword(String command) {
        String assignment = PASSWORD_VARIABLE + "=";
        int start = command.indexOf(assignment);
        int end = start < 0 ? -1 : command.indexOf(ASKPASS, start);
        return end < 0 ? command : command.substring(0, start) + assignment + "********" + command.substring(end);
    }

    /**
     * What the command gave, without the marker; or, when sudo refused before running it, why,
     * in Ansible's words where Ansible has some ("Missing sudo password").
     */
    public Result unwrap(CommandResult result) {
        if (!enabled) {
            return new Result(result, null);
        }
        // sudo may warn before it runs the command ("unable to resolve host"): the marker is the
        // first line that is only it, not necessarily the first line. What sudo said stays.
        byte[] marker = (RAN + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] err = result.stderr();
        for (int at = 0; at + marker.length <= err.length; at++) {
            if ((at == 0 || err[at - 1] == '\n') && Arrays.equals(err, at, at + marker.length, marker, 0, marker.length)) {
                byte[] rest = new byte[err.length - marker.length];
                System.arraycopy(err, 0, rest, 0, at);
                System.arraycopy(err, at + marker.length, rest, at, err.length - at - marker.length);
                return new Result(new CommandResult(result.exitCode(), result.stdout(), rest), null);
            }
        }
        return new Result(result, refusal(result.err().strip()));
    }

    private String refusal(String sudoSays) {
        // sudo's last line says it all ("3 incorrect password attempts"); the ones before repeat "Sorry, try again."
        String last = sudoSays.isEmpty() ? "" : sudoSays.lines().reduce((first, second) -> second).orElse("");
        String said = last.isEmpty() ? "" : " (sudo: " + last.replaceFirst("^sudo: ", "") + ")";
        if (password.isEmpty() && sudoSays.contains("password")) {
            return "Missing sudo password" + said + ": set ansible_become_password (in the inventory or a vault file),"
                    + " or run with -K (--ask-become-pass)";
        }
        if (password.isPresent() && sudoSays.contains("incorrect password")) {
            return "Incorrect sudo password" + said + ": check ansible_become_password for this host";
        }
        return "sudo refused to run the task as " + user + said;
    }

    /** A command's result as the task sees it, or why sudo did not run it ({@code refused} not null). */
    public record Result(CommandResult command, String refused) {
    }

    /** Never the password: a Become may end up in a log line or an error message. */
    @Override
    public String toString() {
        return "Become[" + (enabled ? method + " to " + user + (password.isPresent() ? " with a password" : "") : "off") + "]";
    }
}
