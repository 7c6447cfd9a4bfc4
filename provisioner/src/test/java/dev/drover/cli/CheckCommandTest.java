package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `drover check` on this machine (connection local): exit codes, formats and messages a user sees. */
class CheckCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private int check(String checks, String... more) throws IOException {
        Path file = Files.writeString(dir.resolve("checks.yml"), checks);
        Path inventory = Files.writeString(dir.resolve("hosts.yml"),
                "all:\n  hosts:\n    here:\n      ansible_connection: local\n      wanted: " + dir + "\n");
        List<String> args = new ArrayList<>(List.of("check", "-i", inventory.toString()));
        args.addAll(List.of(more));
        args.add(file.toString());
        return DroverCommand.run(args.toArray(String[]::new), Map.of());
    }

    @Test
    void passingChecksExitZeroAndTemplateFromTheInventory() throws IOException {
        int code = check("file:\n  '{{ wanted }}': {exists: true, filetype: directory}\n");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("== here").contains("File: " + dir + ": filetype: matches expectation: directory")
                .contains("Count: 2, Failed: 0, Warnings: 0, Skipped: 0");
    }

    @Test
    void aFailingCheckExitsOneAndAWarningDoesNot() throws IOException {
        assertThat(check("command:\n  'exit 2': {exit-status: 0}\n")).isEqualTo(1);
        assertThat(check("command:\n  'exit 2': {exit-status: 0, severity: warn}\n")).isZero();
    }

    @Test
    void nagiosExitCodesFollowThePluginConvention() throws IOException {
        assertThat(check("command:\n  'true': {exit-status: 0}\n", "--format", "nagios")).isZero();
        assertThat(check("command:\n  'false': {exit-status: 0, severity: warn}\n", "--format", "nagios")).isEqualTo(1);
        assertThat(check("command:\n  'false': {exit-status: 0}\n", "--format", "nagios")).isEqualTo(2);
        assertThat(check("comand:\n  'false': {exit-status: 0}\n", "--format", "nagios")).isEqualTo(3);
    }

    @Test
    void badInputExitsTwoWithTheReason() throws IOException {
        assertThat(check("comand:\n  x: {exit-status: 0}\n")).isEqualTo(2);
        assertThat(err.toString()).contains("checks.yml:1:1: unknown resource type 'comand'; did you mean 'command'?");
        assertThat(check("file:\n  /: {exists: true}\n", "--format", "yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --format 'yaml'");
        assertThat(check("file:\n  /: {exists: true}\n", "--no-such-option")).isEqualTo(2);
        assertThat(check("file:\n  /: {exists: true}\n", "--limit", "nobody")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit nobody matches no hosts");
    }

    @Test
    void jsonAndJunitGoToStandardOutput() throws IOException {
        assertThat(check("cpu:\n  here: {count: {ge: 1}}\n", "--format", "json")).isZero();
        assertThat(out.toString()).contains("\"resource-type\" : \"CPU\"").contains("\"healthy\" : true");
        out.reset();
        assertThat(check("cpu:\n  here: {count: {ge: 1}}\n", "-o", "junit")).isZero();
        assertThat(out.toString()).startsWith("<?xml").contains("<testcase name=\"CPU here count\"");
    }

    @Test
    void durationsAreWrittenAsGossTakesThem() {
        assertThat(CheckCommand.duration("--sleep", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(CheckCommand.duration("--sleep", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CheckCommand.duration("--sleep", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CheckCommand.duration("--sleep", "10")).isEqualTo(Duration.ofSeconds(10));
    }
}
