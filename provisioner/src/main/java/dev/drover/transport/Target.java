package dev.drover.transport;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host as one task sees it: the connection, plus the task's become settings and
 * environment. Every command a module runs goes through here, so escalation and
 * environment are applied in one place.
 */
public final class Target {

    private final Connection connection;
    private final Become become;
    private final Map<String, String> environment;

    public Target(Connection connection, Become become, Map<String, String> environment) {
        this.connection = connection;
        this.become = become == null ? Become.NONE : become;
        this.environment = Map.copyOf(environment == null ? Map.of() : environment);
    }

    public Target(Connection connection) {
        this(connection, Become.NONE, Map.of());
    }

    public String hostName() {
        return connection.hostName();
    }

    public Become become() {
        return become;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Target withBecome(Become other) {
        return new Target(connection, other, environment);
    }

    /**
     * Runs a POSIX sh command as the task's user, with the task's environment.
     *
     * @throws BecomeRefused when sudo would not run it (a password missing or wrong)
     */
    public CommandResult run(String command, byte[] stdin) throws IOException {
        Become.Result result = become.unwrap(connection.run(become.wrap(withEnvironment(command)), stdin));
        if (result.refused() != null) {
            throw new BecomeRefused(result.refused());
        }
        return result.command();
    }

    public CommandResult run(String command) throws IOException {
        return run(command, new byte[0]);
    }

    private String withEnvironment(String command) {
        if (environment.isEmpty()) {
            return command;
        }
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
            line.append("export ").append(e.getKey()).append('=').append(ShellQuote.quote(e.getValue())).append("; ");
        }
        return line.append(command).toString();
    }
}
