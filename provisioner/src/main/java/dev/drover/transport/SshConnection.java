package dev.drover.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * One SSH connection per host for the whole run (sshj). Each command is an exec channel on
 * it, so a task costs a channel round trip, not a new handshake.
 */
public final class SshConnection implements Connection {

    /** Building sshj's config scans the crypto providers; do it once per run, not per host. */
    private static final DefaultConfig CONFIG = new DefaultConfig();

    /**
     * Loads and initialises sshj (about a second of class loading and crypto set-up) on a
     * background thread, so that it overlaps reading the playbook instead of delaying the
     * first task. Calling it is optional; connecting works without it.
     */
    public static void warmUpInBackground() {
        Thread warm = new Thread(() -> {
            try (SSHClient client = new SSHClient(CONFIG)) {
                client.addHostKeyVerifier(new PromiscuousVerifier());
            } catch (IOException | RuntimeException ignored) {
                // only a head start; a real problem shows when connecting
            }
        }, "ssh-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    private final SshSettings settings;
    private final SSHClient client;
    private final Session shellSession;
    private final ShellChannel shell;

    private SshConnection(SshSettings settings, SSHClient client) throws IOException {
        this.settings = settings;
        this.client = client;
        // One sh for the whole run: no channel set-up and no login shell per command.
        this.shellSession = client.startSession();
        Session.Command sh = shellSession.exec("exec /bin/sh");
        this.shell = new ShellChannel(sh.getOutputStream(), sh.getInputStream(), sh.getErrorStream());
    }

    public static SshConnection open(SshSettings settings) throws UnreachableError {
        SSHClient client = new SSHClient(CONFIG);
        client.setConnectTimeout((int) settings.connectTimeout().toMillis());
        client.setTimeout(0);
        try {
            if (settings.verifyHostKey()) {
                KnownHosts knownHosts = new KnownHosts(settings.knownHosts());
                if (!knownHosts.available()) {
                    throw new UnreachableError("host key verification is on, but no known_hosts file exists ("
                            + settings.knownHosts() + "); add the host with ssh-keyscan, or pass --ssh-host-key-checking=off", null);
                }
                client.addHostKeyVerifier(knownHosts);
            } else {
                client.addHostKeyVerifier(new PromiscuousVerifier());
            }
            client.connect(settings.address(), settings.port());
            // Every command is a handful of small packets; with Nagle's algorithm each one
            // waits for the peer's delayed ACK (~40 ms). Commands must go out at once.
            client.getSocket().setTcpNoDelay(true);
        } catch (TransportException e) {
            closeQuietly(client);
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("HOST_KEY_NOT_VERIFIABLE") || reason.contains("Could not verify")) {
                throw new UnreachableError("Host key verification failed for " + settings.address()
                        + ": its key is not in " + settings.knownHosts()
                        + ". Add it (ssh-keyscan " + settings.address() + " >> ~/.ssh/known_hosts) or pass --ssh-host-key-checking=off", e);
            }
            throw new UnreachableError("Failed to connect to the host via ssh: " + reason, e);
        } catch (UnreachableError e) {
            closeQuietly(client);
            throw e;
        } catch (IOException e) {
            closeQuietly(client);
            throw new UnreachableError("Failed to connect to the host via ssh: " + settings.address() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        try {
            authenticate(client, settings);
        } catch (IOException e) {
            closeQuietly(client);
            throw new UnreachableError("Failed to authenticate as " + settings.user() + "@" + settings.address() + ": "
                    + e.getMessage() + " (check ansible_user and ansible_ssh_private_key_file or ansible_password)", e);
        }
        try {
            return new SshConnection(settings, client);
        } catch (IOException e) {
            closeQuietly(client);
            throw new UnreachableError("Logged in to " + settings.address() + " but could not start /bin/sh there: "
                    + e.getMessage(), e);
        }
    }

    private static void authenticate(SSHClient client, SshSettings settings) throws IOException {
        if (settings.privateKey() != null) {
            client.authPublickey(settings.user(), client.loadKeys(settings.privateKey().toString()));
            return;
        }
        if (settings.password() != null) {
            client.authPassword(settings.user(), settings.password());
            return;
        }
        // Fall back to the user's default keys, as ssh does.
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        for (String name : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            Path key = ssh.resolve(name);
            if (Files.isRegularFile(key)) {
                try {
                    client.authPublickey(settings.user(), client.loadKeys(key.toString()));
                    return;
                } catch (UserAuthException e) {
                    // try the next key
                }
            }
        }
        throw new UserAuthException("no private key or password given, and no default key in " + ssh + " was accepted");
    }

    @Override
    public String hostName() {
        return settings.hostName();
    }

    @Override
    public CommandResult run(String command, byte[] stdin) throws IOException {
        if (!client.isConnected()) {
            throw new UnreachableError("the SSH connection to " + settings.address() + " was lost", null);
        }
        try {
            return shell.run(command, stdin);
        } catch (IOException e) {
            throw new UnreachableError("the SSH connection to " + settings.address() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            shellSession.close();
        } catch (IOException ignored) {
            // the connection goes next anyway
        }
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // closing at the end of a run: nothing more to do with this host
        }
    }
}
