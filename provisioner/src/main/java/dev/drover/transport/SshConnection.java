package dev.drover.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * One SSH connection per host for the whole run (sshj). Each command is an exec channel on
 * it, so a task costs a channel round trip, not a new handshake.
 */
public final class SshConnection implements Connection {

    /** Building sshj's config scans the crypto providers; do it once per run, not per host. */
    private static final DefaultConfig CONFIG = new DefaultConfig();

    private final SshSettings settings;
    private final SSHClient client;

    private SshConnection(SshSettings settings, SSHClient client) {
        this.settings = settings;
        this.client = client;
    }

    public static SshConnection open(SshSettings settings) throws UnreachableError {
        SSHClient client = new SSHClient(CONFIG);
        client.setConnectTimeout((int) settings.connectTimeout().toMillis());
        client.setTimeout(0);
        try {
            if (settings.verifyHostKey()) {
                boolean loaded = false;
                for (Path file : settings.knownHosts()) {
                    if (Files.isRegularFile(file)) {
                        client.addHostKeyVerifier(new OpenSSHKnownHosts(file.toFile()));
                        loaded = true;
                    }
                }
                if (!loaded) {
                    throw new UnreachableError("host key verification is on, but no known_hosts file exists ("
                            + settings.knownHosts() + "); add the host with ssh-keyscan, or pass --ssh-host-key-checking=off", null);
                }
            } else {
                client.addHostKeyVerifier(new PromiscuousVerifier());
            }
            client.connect(settings.address(), settings.port());
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
        return new SshConnection(settings, client);
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
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(command);
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin.length > 0) {
                    in.write(stdin);
                }
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // Read stderr alongside stdout so neither side's window fills up and stalls the channel.
            Thread errReader = StreamDrain.start(cmd.getErrorStream(), err);
            byte[] out = cmd.getInputStream().readAllBytes();
            joinQuietly(errReader);
            cmd.join(1, TimeUnit.HOURS);
            Integer status = cmd.getExitStatus();
            return new CommandResult(status == null ? -1 : status, out, err.toByteArray());
        } catch (TransportException e) {
            throw new UnreachableError("the SSH connection to " + settings.address() + " failed: " + e.getMessage(), e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException ignored) {
            // closing at the end of a run: nothing more to do with this host
        }
    }

    /** Copies a stream into a buffer on a small background thread. */
    private static final class StreamDrain {
        private StreamDrain() {
        }

        static Thread start(InputStream from, ByteArrayOutputStream to) {
            Thread thread = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException ignored) {
                    // the channel closed; what was read is what there is
                }
            }, "ssh-stderr");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
