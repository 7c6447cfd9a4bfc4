package dev.drover.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {

    @TempDir
    Path dir;

    @Test
    void aVaultIdIsLabelAtSourceOrJustASourceForTheDefaultLabel() {
        assertThat(SecretSource.parse("dev@pw.txt")).isEqualTo(new SecretSource("dev", "pw.txt"));
        assertThat(SecretSource.parse("pw.txt")).isEqualTo(new SecretSource("default", "pw.txt"));
        assertThat(SecretSource.parse("prod@prompt").source()).isEqualTo("prompt");
    }

    @Test
    void aPasswordFileLosesSurroundingWhiteSpace() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "  s3cret pass \n\n");
        VaultSecret secret = new SecretSource("default", file.toString()).load("Vault password");
        assertThat(new String(secret.password(), StandardCharsets.UTF_8)).isEqualTo("s3cret pass");
        assertThat(secret.toString()).doesNotContain("s3cret");
    }

    @Test
    void anExecutableFileIsRunAndAClientScriptIsToldTheLabel() throws Exception {
        Path script = script("pw.sh", "#!/bin/sh\necho from-script\n");
        assertThat(new String(new SecretSource("default", script.toString()).load("x").password())).isEqualTo("from-script");
        Path client = script("pass-client.sh", "#!/bin/sh\necho \"$1 $2\"\n");
        assertThat(new String(new SecretSource("prod", client.toString()).load("x").password())).isEqualTo("--vault-id prod");
    }

    @Test
    void anEmptyOrMissingFileIsAClearError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> new SecretSource("default", empty.toString()).load("x"))
                .hasMessageContaining("Invalid vault password was provided from file (" + empty + ")");
        assertThatThrownBy(() -> new SecretSource("default", dir.resolve("nope").toString()).load("x"))
                .hasMessageContaining("Could not read vault password file");
    }

    private Path script(String name, String text) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
