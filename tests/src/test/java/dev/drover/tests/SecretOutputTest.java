package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that uses secrets from the vault (a vaulted vars file, an inline value, a vaulted copy
 * source) and a plain secret only in no_log tasks prints none of them: not in the console output
 * with -v and --diff, not in the json output, not in errors, not in DROVER_TRACE lines — while
 * the secrets still reach the files the play writes. Local connection only, in a temp folder.
 */
class SecretOutputTest {

    private static final String FILE_SECRET = "File-Secret-From-Vaulted-Vars";
    private static final String INLINE_SECRET = "Inline-Secret-Value-42";
    private static final String COPIED_SECRET = "Copied-Secret-Line";
    private static final String NO_LOG_SECRET = "Plain-Secret-Only-In-No-Log";

    @TempDir
    Path dir;

    private static Path drover;

    @BeforeAll
    static void jar() {
        drover = Lab.projectRoot().resolve("bin/drover");
        assumeTrue(Files.isRegularFile(Lab.projectRoot().resolve("provisioner/target/drover.jar")),
                "drover.jar not built (mvn package builds it)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"console", "json"})
    void noSecretIsPrinted(String mode) throws Exception {
        Path password = Files.writeString(dir.resolve("pw.txt"), "output-test-password\n");
        Files.writeString(dir.resolve("secrets.yml"), "file_secret: " + FILE_SECRET + "\n");
        Files.writeString(dir.resolve("vaulted.txt"), "first line\n" + COPIED_SECRET + "\n");
        ok(run(List.of("vault", "encrypt", "--vault-password-file", password.toString(), "secrets.yml", "vaulted.txt"),
                Map.of()));
        String inline = ok(run(List.of("vault", "encrypt_string", "--vault-password-file", password.toString(),
                INLINE_SECRET, "--name", "inline_secret"), Map.of())).stdout();
        Files.writeString(dir.resolve("inline.yml"), inline);
        Files.writeString(dir.resolve("play.yml"), """
                - hosts: localhost
                  gather_facts: false
                  vars_files: [secrets.yml, inline.yml]
                  tasks:
                    - debug: var=file_secret
                    - debug: msg="inline {{ inline_secret }}"
                    - copy:
                        content: "{{ file_secret }}\\n{{ inline_secret }}\\n"
                        dest: "{{ playbook_dir }}/out.txt"
                    - copy: src=vaulted.txt dest={{ playbook_dir }}/copied.txt
                    - command: echo {{ inline_secret }}
                    - name: a plain secret used only with no_log
                      command: echo {{ plain_secret }}
                      no_log: true
                    - name: a no_log loop
                      command: echo {{ item }}
                      loop: ["{{ plain_secret }}", "{{ file_secret }}"]
                      no_log: true
                    - name: an error message with a secret in it
                      fail: msg="failing with {{ file_secret }}"
                      ignore_errors: true
                    - name: a failing no_log task
                      command: sh -c "echo {{ plain_secret }} >&2; exit 1"
                      no_log: true
                      ignore_errors: true
                """);
        List<String> argv = new ArrayList<>(List.of("play", "-i", "localhost,", "-c", "local", "play.yml", "--diff", "-v",
                "--vault-password-file", password.toString(), "-e", "plain_secret=" + NO_LOG_SECRET));
        Map<String, String> environment = mode.equals("json")
                ? Map.of("DROVER_STDOUT_CALLBACK", "json", "DROVER_TRACE", "1")
                : Map.of("DROVER_TRACE", "1", "NO_COLOR", "1");
        LocalCommand.Output output = ok(run(argv, environment));

        String printed = output.stdout() + output.stderr();
        assertThat(printed).contains("failing with ********").contains("[trace]");
        for (String secret : List.of(FILE_SECRET, INLINE_SECRET, COPIED_SECRET, NO_LOG_SECRET)) {
            assertThat(printed).as("output of the " + mode + " run").doesNotContain(secret);
        }
        // The secrets did their job: the files hold them.
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(FILE_SECRET + "\n" + INLINE_SECRET + "\n");
        assertThat(Files.readString(dir.resolve("copied.txt"))).contains(COPIED_SECRET);
    }

    private LocalCommand.Output run(List<String> args, Map<String, String> environment) {
        List<String> argv = new ArrayList<>(List.of(drover.toString()));
        argv.addAll(args);
        return LocalCommand.of(argv).directory(dir).environment(environment).run();
    }

    private static LocalCommand.Output ok(LocalCommand.Output output) {
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output;
    }
}
