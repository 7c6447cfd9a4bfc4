package dev.drover.transport;

/** Privilege escalation for a task: run as {@code user} through sudo. */
public record Become(boolean enabled, String user, String method, String flags) {

    public static final Become NONE = new Become(false, "root", "sudo", "");

    public static Become sudo(String user) {
        return new Become(true, user == null ? "root" : user, "sudo", "");
    }

    /** Wraps a shell command so that it runs as the become user. */
    public String wrap(String command) {
        if (!enabled) {
            return command;
        }
        if (!"sudo".equals(method)) {
            throw new IllegalStateException("become_method " + method + " is not supported; use sudo");
        }
        // -n: never prompt (a prompt would hang the run); -H: HOME of the target user, as Ansible does.
        String extra = flags == null || flags.isBlank() ? "" : flags.trim() + " ";
        return "sudo -H -n " + extra + "-u " + ShellQuote.quote(user) + " /bin/sh -c " + ShellQuote.quote(command);
    }
}
