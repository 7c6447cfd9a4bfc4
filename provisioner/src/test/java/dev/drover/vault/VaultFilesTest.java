package dev.drover.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryLoader;
import dev.drover.yaml.AnsibleYaml;
import dev.drover.yaml.VaultText;
import dev.drover.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vaulted YAML files and inline values, read through the run's vault. */
class VaultFilesTest {

    @TempDir
    Path dir;

    private static Vault vault() throws Exception {
        return new Vault(new Keyring(List.of(VaultCryptoTest.secret("default", "password.txt"))));
    }

    @Test
    void anInlineValueStaysClosedUntilItIsUsedSoNoPasswordIsNeededToLoadIt() throws Exception {
        Map<?, ?> vars = (Map<?, ?>) AnsibleYaml.load(VaultCryptoTest.fixture("inline.yml"));
        assertThat(vars.get("plain")).isEqualTo("text");
        VaultText secret = (VaultText) vars.get("inline_secret");
        assertThatThrownBy(secret::reveal).isInstanceOf(UserError.class)
                .hasMessageContaining("inline.yml:1:16 is vault-encrypted and no vault password was given");
        Vault vault = vault();
        try (Vault.Scope run = Vault.use(vault)) {
            assertThat(secret.reveal()).isEqualTo("s3cr3t-inline");
        }
        assertThat(vault.mask().mask("value s3cr3t-inline")).isEqualTo("value ********");
    }

    @Test
    void aVaultedYamlFileIsReadDecryptedAndItsValuesMasked() throws Exception {
        VaultSecret secret = VaultCryptoTest.secret("default", "password.txt");
        Path file = dir.resolve("vars.yml");
        Files.writeString(file, new Keyring(List.of(secret)).encrypt(
                "db_password: from-a-vaulted-file\nport: 5432\n".getBytes(StandardCharsets.UTF_8), secret));
        Vault vault = vault();
        try (Vault.Scope run = Vault.use(vault)) {
            YamlMap vars = (YamlMap) AnsibleYaml.load(file);
            assertThat(vars.get("db_password")).isEqualTo("from-a-vaulted-file");
            assertThat(vars.get("port")).isEqualTo(5432);
        }
        assertThat(vault.mask().mask("pw=from-a-vaulted-file")).isEqualTo("pw=********");
        assertThatThrownBy(() -> AnsibleYaml.load(file)).hasMessageContaining(file + " is vault-encrypted");
    }

    @Test
    void aVaultedIniInventoryIsReadDecrypted() throws Exception {
        VaultSecret secret = VaultCryptoTest.secret("default", "password.txt");
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, new Keyring(List.of(secret)).encrypt(
                "[web]\nweb1 ansible_host=10.9.9.9\n".getBytes(StandardCharsets.UTF_8), secret));
        try (Vault.Scope run = Vault.use(vault())) {
            Inventory inventory = InventoryLoader.load(List.of(hosts.toString())).inventory();
            assertThat(inventory.hostsIn("web")).containsExactly("web1");
        }
        assertThatThrownBy(() -> InventoryLoader.load(List.of(hosts.toString())))
                .hasMessageContaining(hosts + " is vault-encrypted and no vault password was given");
    }

    @Test
    void readFileDecryptsAVaultedFileAndPassesAPlainOneThrough() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "just text\n");
        Vault vault = vault();
        assertThat(vault.readFile(plain)).isEqualTo("just text\n".getBytes());
        assertThat(new String(vault.readFile(VaultCryptoTest.fixture("default-1.1.vault")), StandardCharsets.UTF_8))
                .isEqualTo(VaultCryptoTest.text("plaintext.txt"));
        assertThat(vault.mask().mask("second line, longer than one AES block")).isEqualTo("********");
    }
}
