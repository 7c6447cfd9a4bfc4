package dev.drover.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vault crypto against files ansible-vault 2.14 wrote (fixtures beside this test's resources). */
class VaultCryptoTest {

    static Path fixture(String name) throws Exception {
        return Path.of(VaultCryptoTest.class.getResource(name).toURI());
    }

    static String text(String name) throws Exception {
        return Files.readString(fixture(name), StandardCharsets.UTF_8);
    }

    static VaultSecret secret(String label, String passwordFile) throws Exception {
        return new SecretSource(label, fixture(passwordFile).toString()).load("Vault password");
    }

    @Test
    void opensAFormat11FileAnsibleVaultWrote() throws Exception {
        Keyring keyring = new Keyring(List.of(secret("default", "password.txt")));
        byte[] plain = keyring.decrypt(text("default-1.1.vault"), SourceLocation.of(fixture("default-1.1.vault")));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(text("plaintext.txt"));
    }

    @Test
    void opensAFormat12FileWithItsLabelledPasswordAmongOthers() throws Exception {
        VaultEnvelope envelope = VaultEnvelope.parse(text("ops-1.2.vault"));
        assertThat(envelope.version()).isEqualTo("1.2");
        assertThat(envelope.label()).isEqualTo("ops");
        Keyring keyring = new Keyring(List.of(secret("default", "password.txt"), secret("ops", "ops-password.txt")));
        Keyring.Opened opened = keyring.open(text("ops-1.2.vault"), SourceLocation.UNKNOWN);
        assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).isEqualTo(text("plaintext.txt"));
        assertThat(opened.secret().label()).isEqualTo("ops");
    }

    @Test
    void aLabelIsOnlyAHintAPasswordWithAnotherLabelStillOpensIt() throws Exception {
        Keyring keyring = new Keyring(List.of(secret("default", "ops-password.txt")));
        assertThat(keyring.decryptText(text("ops-1.2.vault"), SourceLocation.UNKNOWN)).isEqualTo(text("plaintext.txt"));
    }

    @Test
    void aPlaintextOfWholeBlocksGetsAFullBlockOfPadding() throws Exception {
        Keyring keyring = new Keyring(List.of(secret("default", "password.txt")));
        assertThat(keyring.decryptText(text("sixteen-1.1.vault"), SourceLocation.UNKNOWN)).isEqualTo("0123456789abcdef");
        String inner = new String(HexFormat.of().parseHex(VaultEnvelope.parse(text("sixteen-1.1.vault")).payload()),
                StandardCharsets.US_ASCII);
        assertThat(inner.split("\n")[2]).hasSize(64); // 32 bytes of ciphertext: 16 of text, 16 of padding
    }

    @Test
    void withAnsiblesSaltEncryptionGivesAnsiblesCiphertextByteForByte() throws Exception {
        String payload = VaultEnvelope.parse(text("default-1.1.vault")).payload();
        String inner = new String(HexFormat.of().parseHex(payload), StandardCharsets.US_ASCII);
        byte[] salt = HexFormat.of().parseHex(inner.split("\n")[0]);
        String ours = Aes256.encrypt(Files.readAllBytes(fixture("plaintext.txt")),
                "vault-test-password".getBytes(StandardCharsets.UTF_8), salt);
        assertThat(ours).isEqualTo(payload);
    }

    @Test
    void writesTheEnvelopeAsAnsibleVaultDoes() throws Exception {
        VaultSecret ops = secret("ops", "ops-password.txt");
        String written = new Keyring(List.of(ops)).encrypt("x".repeat(100).getBytes(StandardCharsets.UTF_8), ops);
        String[] lines = written.split("\n");
        assertThat(lines[0]).isEqualTo("$ANSIBLE_VAULT;1.2;AES256;ops");
        assertThat(written).endsWith("\n");
        for (int i = 1; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(80).matches("[0-9a-f]+");
        }
        VaultSecret unlabelled = secret("default", "password.txt");
        assertThat(new Keyring(List.of(unlabelled)).encrypt(new byte[] {1}, unlabelled)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(new Keyring(List.of(ops)).decrypt(written, SourceLocation.UNKNOWN)).isEqualTo("x".repeat(100).getBytes());
    }

    @Test
    void aWrongPasswordNamesTheFileWhatWasTriedAndWhatToDo() throws Exception {
        Path file = fixture("default-1.1.vault");
        Keyring keyring = new Keyring(List.of(secret("default", "ops-password.txt")));
        assertThatThrownBy(() -> keyring.decrypt(text("default-1.1.vault"), SourceLocation.of(file)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Decryption failed (no vault secrets were found that could decrypt) on " + file)
                .hasMessageContaining("tried 1 password: default (file ")
                .hasMessageNotContaining("ops-password\n")
                .satisfies(e -> assertThat(((UserError) e).hint()).contains("password is wrong"));
    }

    @Test
    void aMissingLabelledPasswordSaysWhichVaultIdToGive() throws Exception {
        Keyring keyring = new Keyring(List.of(secret("default", "password.txt")));
        assertThatThrownBy(() -> keyring.decrypt(text("ops-1.2.vault"), new SourceLocation(Path.of("vars.yml"), 3, 9)))
                .hasMessageContaining("on the !vault value at vars.yml:3:9, encrypted with vault id 'ops'")
                .satisfies(e -> assertThat(((UserError) e).hint()).contains("--vault-id ops@FILE|prompt"));
    }

    @Test
    void noPasswordAtAllSaysHowToGiveOne() throws Exception {
        assertThatThrownBy(() -> Keyring.EMPTY.decrypt(text("default-1.1.vault"), SourceLocation.of(Path.of("group_vars/all.yml"))))
                .hasMessageContaining("group_vars/all.yml is vault-encrypted and no vault password was given")
                .satisfies(e -> assertThat(((UserError) e).hint()).contains("--vault-password-file FILE"));
    }

    @Test
    void damagedVaultTextIsAFormatErrorNotAWrongPassword() throws Exception {
        String damaged = text("default-1.1.vault").replace("\n3", "\nz");
        Keyring keyring = new Keyring(List.of(secret("default", "password.txt")));
        assertThatThrownBy(() -> keyring.decrypt(damaged, SourceLocation.UNKNOWN)).hasMessageContaining("Vault format error");
    }
}
