package dev.drover.exec;

import dev.drover.transport.Connection;
import dev.drover.transport.LocalConnection;
import dev.drover.transport.SshConnection;
import dev.drover.transport.SshSettings;
import dev.drover.transport.TracingConnection;
import dev.drover.transport.UnreachableError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection per host and way of logging in for the whole run, opened on first use from
 * the host's (templated) connection variables, and closed at the end. A play that sets another
 * {@code ansible_user} (or port, key...) for a host gets a connection of its own, as in
 * Ansible; the first one stays open for the plays that log in as before. Public for
 * {@code drover check}, which reaches hosts exactly as {@code drover play} does.
 */
public final class Connections implements AutoCloseable {

    private static final Pattern SSH_OPTION = Pattern.compile("-o\\s*([A-Za-z]+)\\s*=\\s*(\\S+)");

    private final RunOptions options;
    private final Map<Login, Connection> open = new ConcurrentHashMap<>();

    /** The variables that decide how a host is logged in to: two tasks that agree on these share a connection. */
    public static final List<String> LOGIN_VARS = List.of("ansible_host", "ansible_port", "ansible_ssh_port",
            "ansible_user", "ansible_ssh_user", "ansible_ssh_private_key_file", "ansible_password", "ansible_ssh_pass",
            "ansible_connection", "ansible_ssh_common_args", "ansible_ssh_extra_args", "ansible_ssh_timeout");

    /** A host, and how it is logged in to: its login variables as text (22 and "22" are one port). */
    private record Login(String host, Map<String, String> vars) {
        static Login of(String host, Map<String, Object> vars) {
            Map<String, String> login = new java.util.TreeMap<>();
            for (String name : LOGIN_VARS) {
                Object value = vars.get(name);
                if (value != null) {
                    login.put(name, String.valueOf(value));
                }
            }
            return new Login(host, java.util.Collections.unmodifiableMap(login));
        }
    }

    public Connections(RunOptions options) {
        this.options = options;
    }

    /** The host's connection; {@code vars} are its connection variables, already templated. */
    public Connection get(String host, Map<String, Object> vars) throws UnreachableError {
        Login login = Login.of(host, vars);
        Connection existing = open.get(login);
        if (existing != null) {
            return existing;
        }
        Connection made = connect(host, vars);
        if ("1".equals(options.environment().get("DROVER_TRACE"))) {
            made = new TracingConnection(made, System.err);
        }
        Connection raced = open.putIfAbsent(login, made);
        if (raced != null) {
            made.close();
            return raced;
        }
        return made;
    }

    /** Closes the host's connections (every login): the next command logs in again. */
    void reset(String host) {
        for (Login login : List.copyOf(open.keySet())) {
            if (login.host().equals(host)) {
                Connection connection = open.remove(login);
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    private Connection connect(String host, Map<String, Object> vars) throws UnreachableError {
        String kind = string(vars, "ansible_connection", "ssh");
        if (kind.equals("local")) {
            return new LocalConnection(host);
        }
        if (!kind.equals("ssh") && !kind.equals("smart") && !kind.equals("paramiko")) {
            throw new UnreachableError("connection type '" + kind + "' is not supported; use ssh or local", null);
        }
        String commonArgs = string(vars, "ansible_ssh_common_args", "") + " " + string(vars, "ansible_ssh_extra_args", "");
        boolean verify = options.verifyHostKeys();
        List<Path> knownHosts = new ArrayList<>(options.knownHosts());
        Matcher option = SSH_OPTION.matcher(commonArgs);
        while (option.find()) {
            String name = option.group(1).toLowerCase();
            String value = option.group(2).replaceAll("^['\"]|['\"]$", "");
            if (name.equals("stricthostkeychecking") && (value.equalsIgnoreCase("no") || value.equalsIgnoreCase("off"))) {
                verify = false;
            } else if (name.equals("userknownhostsfile")) {
                if (value.equals("/dev/null")) {
                    verify = false;
                } else {
                    knownHosts.add(0, Path.of(value.replaceFirst("^~", System.getProperty("user.home"))));
                }
            }
        }
        String key = string(vars, "ansible_ssh_private_key_file", null);
        String password = string(vars, "ansible_password", string(vars, "ansible_ssh_pass", null));
        SshSettings settings = new SshSettings(host, string(vars, "ansible_host", host),
                Integer.parseInt(string(vars, "ansible_port", string(vars, "ansible_ssh_port", "22"))),
                string(vars, "ansible_user", string(vars, "ansible_ssh_user", System.getProperty("user.name"))),
                key == null ? null : Path.of(key.replaceFirst("^~", System.getProperty("user.home"))),
                password, verify, knownHosts,
                Duration.ofSeconds(Long.parseLong(string(vars, "ansible_ssh_timeout", "10"))));
        return SshConnection.open(settings);
    }

    private static String string(Map<String, Object> vars, String name, String fallback) {
        Object value = vars.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    @Override
    public void close() {
        open.values().forEach(Connection::close);
        open.clear();
    }
}
