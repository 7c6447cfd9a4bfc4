package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover vault} and {@code ansible-vault} read each other's files: both formats (1.1, and
 * 1.2 with a vault id), encrypt_string values, rekeyed files, stdin. Needs ansible-vault on PATH
 * (tests/run installs it); with -Ddrover.lab=true its absence is a failure, else a skip.
 * No lab host is involved: plays here run with the local connection and touch only a temp folder.
 */
class VaultInteropTest {

    private static final String PLAINTEXT = "db_password: Correct-Horse-Battery-Staple\nport: 5432\n";

    @TempDir
    Path dir;

    private static Path drover;

    @BeforeAll
    static void tools() {
        boolean present = LocalCommand.of(List.of("sh", "-c", "command -v ansible-vault")).run().exitCode() == 0;
        if (!present && "true".equals(System.getProperty("drover.lab"))) {
            fail("ansible-vault is not on PATH, and drover.lab=true requires it as the vault oracle");
        }
        assumeTrue(present, "ansible-vault not on PATH: vault interop skipped");
        drover = Lab.projectRoot().resolve("bin/drover");
        assumeTrue(Files.isRegularFile(Lab.projectRoot().resolve("provisioner/target/drover.jar")),
                "drover.jar not built (mvn package builds it)");
    }

    @Test
    void droverOpensAFormat11FileAnsibleVaultEncrypted() throws Exception {
        Path file = write("vars.yml", PLAINTEXT);
        Path password = write("pw.txt", "first-password\n");
        ok(ansibleVault("encrypt", "--vault-password-file", password.toString(), file.toString()));
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");

        assertThat(ok(drover("vault", "view", "--vault-password-file", password.toString(), file.toString())).stdout())
                .isEqualTo(PLAINTEXT);
        ok(drover("vault", "decrypt", "--vault-password-file", password.toString(), file.toString()));
        assertThat(Files.readString(file)).isEqualTo(PLAINTEXT);
    }

    @Test
    void droverOpensAFormat12FileWithItsVaultIdAmongSeveral() throws Exception {
        Path file = write("vars.yml", PLAINTEXT);
        Path dev = write("dev.txt", "dev-password\n");
        Path prod = write("prod.txt", "prod-password\n");
        ok(ansibleVault("encrypt", "--vault-id", "prod@" + prod, file.toString()));
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");

        LocalCommand.Output view = ok(drover("vault", "view", "--vault-id", "dev@" + dev, "--vault-id", "prod@" + prod,
                file.toString()));
        assertThat(view.stdout()).isEqualTo(PLAINTEXT);
    }

    @Test
    void ansibleVaultOpensWhatDroverEncrypted() throws Exception {
        Path password = write("pw.txt", "shared-password\n");
        Path plain = write("plain.yml", PLAINTEXT);
        Path v11 = dir.resolve("v11.yml");
        ok(drover("vault", "encrypt", "--vault-password-file", password.toString(), plain.toString(), "--output", v11.toString()));
        assertThat(Files.readString(v11)).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(ok(ansibleVault("view", "--vault-password-file", password.toString(), v11.toString())).stdout())
                .isEqualTo(PLAINTEXT);

        Path v12 = dir.resolve("v12.yml");
        ok(drover("vault", "encrypt", "--vault-id", "ops@" + password, plain.toString(), "--output", v12.toString()));
        assertThat(Files.readString(v12)).startsWith("$ANSIBLE_VAULT;1.2;AES256;ops\n");
        ok(ansibleVault("decrypt", "--vault-id", "ops@" + password, v12.toString()));
        assertThat(Files.readString(v12)).isEqualTo(PLAINTEXT);
        assertThat(Files.readString(plain)).isEqualTo(PLAINTEXT);
    }

    @Test
    void standardInputAndOutputWorkBothWays() throws Exception {
        Path password = write("pw.txt", "stdin-password\n");
        LocalCommand.Output encrypted = ok(LocalCommand.of(droverArgs("vault", "encrypt", "--vault-password-file",
                password.toString(), "-")).stdin(PLAINTEXT).run());
        Path file = write("from-stdin.vault", encrypted.stdout());
        assertThat(ok(ansibleVault("decrypt", "--vault-password-file", password.toString(), "--output", "-",
                file.toString())).stdout()).isEqualTo(PLAINTEXT);
    }

    @Test
    void encryptStringValuesAreReadByTheOtherTool() throws Exception {
        Path password = write("pw.txt", "string-password\n");
        // drover encrypts, ansible reads the variable
        String ours = ok(drover("vault", "encrypt_string", "--vault-id", "app@" + password, "Droverz-Value-1",
                "--name", "from_drover")).stdout();
        assertThat(ours).startsWith("from_drover: !vault |\n          $ANSIBLE_VAULT;1.2;AES256;app\n");
        Path ourVars = write("ours.yml", ours);
        LocalCommand.Output ansible = ok(LocalCommand.of(List.of("ansible", "localhost", "-i", "localhost,", "-c", "local",
                "-m", "debug", "-a", "var=from_drover", "-e", "@" + ourVars, "--vault-id", "app@" + password))
                .environment(Map.of("ANSIBLE_NOCOLOR", "1")).run());
        assertThat(ansible.stdout()).contains("\"from_drover\": \"Droverz-Value-1\"");

        // ansible encrypts, a drover play reads it
        String theirs = ok(ansibleVault("encrypt_string", "--vault-password-file", password.toString(),
                "Ansible-Value-2", "--name", "from_ansible")).stdout();
        write("theirs.yml", theirs);
        write("play.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars_files: [theirs.yml]
                  tasks:
                    - assert:
                        that: from_ansible == "Ansible-Value-2"
                """);
        ok(play("play.yml", "--vault-password-file", password.toString()));
    }

    @Test
    void rekeyedFilesOpenWithTheNewPasswordInTheOtherTool() throws Exception {
        Path old = write("old.txt", "old-password\n");
        Path fresh = write("new.txt", "new-password\n");
        Path file = write("vars.yml", PLAINTEXT);
        ok(ansibleVault("encrypt", "--vault-password-file", old.toString(), file.toString()));
        ok(drover("vault", "rekey", "--vault-password-file", old.toString(), "--new-vault-password-file",
                fresh.toString(), file.toString()));
        assertThat(ok(ansibleVault("view", "--vault-password-file", fresh.toString(), file.toString())).stdout())
                .isEqualTo(PLAINTEXT);
        assertThat(ansibleVault("view", "--vault-password-file", old.toString(), file.toString()).exitCode()).isNotZero();

        ok(ansibleVault("rekey", "--vault-password-file", fresh.toString(), "--new-vault-id", "next@" + old,
                file.toString()));
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.2;AES256;next\n");
        assertThat(ok(drover("vault", "view", "--vault-id", "next@" + old, file.toString())).stdout()).isEqualTo(PLAINTEXT);
    }

    @Test
    void editAndCreateGoThroughTheEditorAndLeaveNoPlaintextBehind() throws Exception {
        Path password = write("pw.txt", "edit-password\n");
        Path editor = write("editor.sh", "#!/bin/sh\nls -l \"$1\" > " + dir.resolve("seen-mode") + "\n"
                + "printf 'added: by-the-editor\\n' >> \"$1\"\necho \"$1\" > " + dir.resolve("seen-path") + "\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
        Path created = dir.resolve("created.yml");
        ok(LocalCommand.of(droverArgs("vault", "create", "--vault-password-file", password.toString(), created.toString()))
                .environment(Map.of("EDITOR", editor.toString())).run());
        assertThat(Files.readString(dir.resolve("seen-mode"))).startsWith("-rw-------");
        assertThat(Path.of(Files.readString(dir.resolve("seen-path")).strip())).doesNotExist();
        assertThat(ok(ansibleVault("view", "--vault-password-file", password.toString(), created.toString())).stdout())
                .isEqualTo("added: by-the-editor\n");

        ok(ansibleVault("encrypt", "--vault-id", "team@" + password, write("team.yml", PLAINTEXT).toString()));
        ok(LocalCommand.of(droverArgs("vault", "edit", "--vault-id", "team@" + password, dir.resolve("team.yml").toString()))
                .environment(Map.of("EDITOR", editor.toString())).run());
        assertThat(Files.readString(dir.resolve("team.yml"))).startsWith("$ANSIBLE_VAULT;1.2;AES256;team\n");
        assertThat(ok(ansibleVault("view", "--vault-id", "team@" + password, dir.resolve("team.yml").toString())).stdout())
                .isEqualTo(PLAINTEXT + "added: by-the-editor\n");
    }

    @Test
    void aWrongOrMissingPasswordSaysWhereAndWhatToDo() throws Exception {
        Path right = write("right.txt", "right-password\n");
        Path wrong = write("wrong.txt", "wrong-password\n");
        Path vars = write("secret.yml", PLAINTEXT);
        ok(ansibleVault("encrypt", "--vault-password-file", right.toString(), vars.toString()));

        LocalCommand.Output view = drover("vault", "view", "--vault-password-file", wrong.toString(), vars.toString());
        assertThat(view.exitCode()).isEqualTo(1);
        assertThat(view.stderr()).contains("Decryption failed (no vault secrets were found that could decrypt) on " + vars)
                .contains("tried 1 password: default (file " + wrong + ")").contains("the password is wrong");

        write("play.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars_files: [secret.yml]
                  tasks:
                    - debug: msg=hi
                """);
        LocalCommand.Output noPassword = play("play.yml");
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.stderr()).contains(vars + " is vault-encrypted and no vault password was given")
                .contains("--vault-password-file FILE");

        String inline = ok(ansibleVault("encrypt_string", "--vault-id", "prod@" + right, "inline-value-x",
                "--name", "token")).stdout();
        write("inline.yml", inline);
        write("inline-play.yml", """
                - hosts: localhost
                  gather_facts: false
                  vars_files: [inline.yml]
                  tasks:
                    - name: never uses the secret
                      debug: msg=fine
                    - name: uses it
                      debug: msg="{{ token }}"
                """);
        LocalCommand.Output inlineWrong = play("inline-play.yml", "--vault-password-file", wrong.toString());
        assertThat(inlineWrong.exitCode()).isEqualTo(2);
        assertThat(inlineWrong.stdout()).contains("ok: [localhost]")
                .contains("the !vault value at " + dir.resolve("inline.yml") + ":1:8, encrypted with vault id 'prod'")
                .contains("add --vault-id prod@FILE|prompt");
    }

    @Test
    void askVaultPassPromptsOnTheTerminal() throws Exception {
        assumeTrue(LocalCommand.of(List.of("sh", "-c", "command -v script")).run().exitCode() == 0, "script(1) not installed");
        Path password = write("pw.txt", "typed-password\n");
        Path file = write("vars.yml", PLAINTEXT);
        ok(ansibleVault("encrypt", "--vault-password-file", password.toString(), file.toString()));
        // script(1) gives drover a terminal; the password is typed once the prompt had time to appear.
        String command = drover + " vault view --ask-vault-pass " + file;
        LocalCommand.Output typed = ok(LocalCommand.of(List.of("sh", "-c",
                "(sleep 4; printf 'typed-password\\n') | script -qec \"$0\" /dev/null", command)).run());
        assertThat(typed.stdout()).contains("Vault password: ").contains("Correct-Horse-Battery-Staple");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private LocalCommand.Output play(String playbook, String... options) {
        List<String> argv = new ArrayList<>(droverArgs("play", "-i", "localhost,", "-c", "local", playbook));
        argv.addAll(List.of(options));
        return LocalCommand.of(argv).directory(dir).environment(Map.of("NO_COLOR", "1")).run();
    }

    private static List<String> droverArgs(String... args) {
        List<String> argv = new ArrayList<>(List.of(drover.toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static LocalCommand.Output drover(String... args) {
        return LocalCommand.of(droverArgs(args)).run();
    }

    private static LocalCommand.Output ansibleVault(String... args) {
        List<String> argv = new ArrayList<>(List.of("ansible-vault"));
        argv.addAll(List.of(args));
        return LocalCommand.of(argv).run();
    }

    private static LocalCommand.Output ok(LocalCommand.Output output) {
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output;
    }
}
