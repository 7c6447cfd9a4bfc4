package dev.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path dir;

    private PublicKey key;
    private PublicKey otherKey;

    @BeforeEach
    void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair().getPublic();
        otherKey = generator.generateKeyPair().getPublic();
    }

    private static String line(String hosts, PublicKey key) {
        return hosts + " ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    private KnownHosts file(String... lines) throws IOException {
        Path file = dir.resolve("known_hosts_" + System.nanoTime());
        Files.write(file, List.of(lines));
        return new KnownHosts(List.of(file));
    }

    @Test
    void acceptsTheRecordedKeyAndRefusesAnother() throws IOException {
        KnownHosts known = file("# comment", line("web1,10.0.0.5", key));
        assertThat(known.verify("10.0.0.5", 22, key)).isTrue();
        assertThat(known.verify("web1", 22, key)).isTrue();
        assertThat(known.verify("10.0.0.5", 22, otherKey)).isFalse();
        assertThat(known.verify("10.0.0.6", 22, key)).isFalse();
        assertThat(known.findExistingAlgorithms("web1", 22)).containsExactly("ecdsa-sha2-nistp256");
    }

    @Test
    void aNonStandardPortIsRecordedInBrackets() throws IOException {
        KnownHosts known = file(line("[10.0.0.5]:2222", key));
        assertThat(known.verify("10.0.0.5", 2222, key)).isTrue();
        assertThat(known.verify("10.0.0.5", 22, key)).isFalse();
    }

    @Test
    void wildcardsAndNegationMatchLikeSsh() throws IOException {
        KnownHosts known = file(line("*.lab,!bad.lab", key));
        assertThat(known.verify("node1.lab", 22, key)).isTrue();
        assertThat(known.verify("bad.lab", 22, key)).isFalse();
    }

    @Test
    void hashedHostNamesMatch() throws Exception {
        byte[] salt = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        String hashed = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(mac.doFinal("secret.lan".getBytes(StandardCharsets.UTF_8)));
        KnownHosts known = file(line(hashed, key));
        assertThat(known.verify("secret.lan", 22, key)).isTrue();
        assertThat(known.verify("other.lan", 22, key)).isFalse();
    }

    @Test
    void aRevokedKeyIsRefusedEvenIfAlsoListed() throws IOException {
        KnownHosts known = file(line("web1", key), "@revoked " + line("*", key));
        assertThat(known.verify("web1", 22, key)).isFalse();
    }

    @Test
    void saysWhetherThereIsAnythingToVerifyAgainst() {
        assertThat(new KnownHosts(List.of(dir.resolve("missing"))).available()).isFalse();
    }
}
