package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drover_check inside drover play, on this machine (-c local): the check file is rendered
 * with the play's variables, verdicts come back as result fields grouped by a meta key, a
 * failing check fails the task with its summary line, and check mode runs the checks too.
 */
class DroverCheckPlaybookTest {

    @TempDir
    Path dir;

    private String play(Path book, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[5 + more.length + 1];
            args[0] = "play";
            args[1] = "-i";
            args[2] = "localhost,";
            args[3] = "-c";
            args[4] = "local";
            System.arraycopy(more, 0, args, 5, more.length);
            args[args.length - 1] = book.toString();
            int code = DroverCommand.run(args, Map.of());
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private Path files() throws IOException {
        Path present = dir.resolve("present.txt");
        Files.writeString(present, "hello\n");
        Files.writeString(dir.resolve("checks.yml"), """
                file:
                  {{ present_file }}:
                    exists: true
                    contents: [hello]
                    meta: {column: files}
                  {{ missing_file }}:
                    exists: {{ missing_should_exist }}
                    meta: {column: files}
                command:
                  "echo warm":
                    severity: warn
                    stdout: [cold]
                    meta: {column: commands}
                """);
        return present;
    }

    @Test
    void passingChecksReportVerdictsGroupedByTheMetaKeyAndChangeNothing() throws IOException {
        Path present = files();
        Path book = dir.resolve("verify.yml");
        Files.writeString(book, """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    present_file: %s
                    missing_file: %s
                    missing_should_exist: false
                  tasks:
                    - drover_check:
                        src: checks.yml
                        group_by: column
                      register: verdict
                    - assert:
                        that:
                          - verdict.healthy
                          - not verdict.changed
                          - "verdict.groups == {'files': 'pass', 'commands': 'warn'}"
                          - verdict.summary.count == 4
                          - verdict.summary.failed == 0
                          - verdict.summary.warnings == 1
                          - verdict.warnings | length == 1
                          - verdict.results | selectattr('outcome', 'eq', 'pass') | list | length == 3
                          - "verdict.msg == 'Count: 4, Failed: 0, Warnings: 1, Skipped: 0'"
                """.formatted(present, dir.resolve("missing.txt")));

        assertThat(play(book)).startsWith("0\n").containsPattern("localhost +: ok=2 +changed=0 .*failed=0");
        assertThat(play(book, "--check")).startsWith("0\n").containsPattern("localhost +: ok=2 +changed=0 .*failed=0");
    }

    @Test
    void aFailingCheckFailsTheTaskWithItsSummaryLine() throws IOException {
        Path present = files();
        Path book = dir.resolve("verify.yml");
        Files.writeString(book, """
                - hosts: localhost
                  gather_facts: false
                  vars:
                    present_file: %s
                    missing_file: %s
                    missing_should_exist: true
                  tasks:
                    - drover_check:
                        src: checks.yml
                        group_by: column
                      register: verdict
                      ignore_errors: true
                    - assert:
                        that:
                          - verdict.failed
                          - not verdict.healthy
                          - verdict.groups.files == 'fail'
                          - verdict.failures | length == 1
                          - "verdict.failures[0] is search('missing.txt: exists')"
                          - "verdict.msg is search('^1 of 4 checks failed')"
                """.formatted(present, dir.resolve("missing.txt")));

        String output = play(book);
        assertThat(output).startsWith("0\n").contains("1 of 4 checks failed: file: " + dir.resolve("missing.txt") + ": exists")
                .containsPattern("localhost +: ok=2 +changed=0 .*failed=0 .*ignored=1");
    }

    @Test
    void aMissingCheckFileIsNamed() throws IOException {
        Path book = dir.resolve("verify.yml");
        Files.writeString(book, """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - drover_check: {src: nowhere.yml}
                """);

        assertThat(play(book)).startsWith("2\n").contains("Could not find or access 'nowhere.yml'");
    }
}
