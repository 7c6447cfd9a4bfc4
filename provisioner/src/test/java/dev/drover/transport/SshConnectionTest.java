package dev.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import net.schmizz.sshj.common.Buffer;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH transport against an in-process SSH server (Apache MINA SSHD on loopback) that
 * runs commands with this machine's /bin/sh: the persistent shell's framing, streams, exit
 * codes and recovery, and host key checking — fast, without the lab.
 */
class SshConnectionTest {

    private static SshServer server;
    private static KeyPair hostKey;
    private static SshConnection connection;

    @BeforeAll
    static void startServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        hostKey = generator.generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> "secret".equals(password));
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel));
        server.start();
        connection = SshConnection.open(settings(false, List.of(), "secret"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (connection != null) {
            connection.close();
        }
        server.stop(true);
    }

    private static SshSettings settings(boolean verify, List<Path> knownHosts, String password) {
        return new SshSettings("test", "127.0.0.1", server.getPort(), System.getProperty("user.name"), null, password,
                verify, knownHosts, Duration.ofSeconds(5));
    }

    @Test
    void keepsStdoutStderrAndTheExitCodeApart() throws IOException {
        CommandResult result = connection.run("echo out; echo err >&2; exit 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).isEqualTo("err\n");
    }

    @Test
    void outputWithoutAFinalNewlineComesBackExactly() throws IOException {
        assertThat(connection.run("printf abc").out()).isEqualTo("abc");
        assertThat(connection.run("true").out()).isEmpty();
    }

    @Test
    void standardInputArrivesByteForByte() throws IOException {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);
        CommandResult result = connection.run("cat", data);
        assertThat(result.stdout()).isEqualTo(data);
        // A command never reads the shell's own input.
        assertThat(connection.run("cat").out()).isEmpty();
    }

    @Test
    void largeOutputIsNotTruncated() throws IOException {
        CommandResult result = connection.run("head -c 3000000 /dev/zero | tr '\\0' a");
        assertThat(result.stdout()).hasSize(3_000_000);
    }

    @Test
    void eachCommandStartsClean() throws IOException {
        connection.run("cd /; X=leaked; export X; umask 077");
        assertThat(connection.run("echo \"[$X]\"; umask").out()).doesNotContain("leaked").doesNotContain("0077");
    }

    @Test
    void aSyntaxErrorFailsTheCommandNotTheSession() throws IOException {
        CommandResult broken = connection.run("if then fi (");
        assertThat(broken.exitCode()).isNotZero();
        assertThat(connection.run("echo still here").out()).isEqualTo("still here\n");
    }

    @Test
    void aBackgroundProcessHoldingStdoutDoesNotHangTheRun() throws IOException {
        long start = System.nanoTime();
        CommandResult result = connection.run("sleep 3 & echo started");
        assertThat(result.out()).isEqualTo("started\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHostKeyMissingFromKnownHostsIsRefused(@TempDir Path dir) throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "# nothing here yet\n");
        assertThatThrownBy(() -> SshConnection.open(settings(true, List.of(knownHosts), "secret")))
                .isInstanceOf(UnreachableError.class)
                .hasMessageContaining("Host key verification failed");
    }

    @Test
    void aHostKeyInKnownHostsIsAccepted(@TempDir Path dir) throws IOException {
        Path knownHosts = dir.resolve("known_hosts");
        String blob = Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(hostKey.getPublic()).getCompactData());
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " ecdsa-sha2-nistp256 " + blob + "\n",
                StandardCharsets.UTF_8);
        try (SshConnection verified = SshConnection.open(settings(true, List.of(knownHosts), "secret"))) {
            assertThat(verified.run("echo ok").out()).isEqualTo("ok\n");
        }
    }

    @Test
    void aWrongPasswordSaysWhatToCheck() {
        assertThatThrownBy(() -> SshConnection.open(settings(false, List.of(), "wrong")))
                .isInstanceOf(UnreachableError.class)
                .hasMessageContaining("Failed to authenticate")
                .hasMessageContaining("ansible_password");
    }
}
