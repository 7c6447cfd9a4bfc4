package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees from `drover play` when their input is wrong: one clear message, the right exit code. */
class DroverCommandTest {

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

    private int play(String playbook, String... more) throws IOException {
        Path book = dir.resolve("play.yml");
        Files.writeString(book, playbook);
        String[] args = new String[4 + more.length];
        args[0] = "play";
        args[1] = "-i";
        args[2] = "localhost,";
        System.arraycopy(more, 0, args, 3, more.length);
        args[args.length - 1] = book.toString();
        return DroverCommand.run(args, Map.of());
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void extraVarsFromAFileAreNotReadAsAnArgumentFile() throws IOException {
        Path vars = Files.writeString(dir.resolve("extra.yml"), "from_file: 42\n");
        int code = play("- hosts: all\n  gather_facts: false\n  tasks:\n    - assert: {that: from_file == 42}\n",
                "-c", "local", "-e", "@" + vars);
        assertThat(code).as(errors()).isZero();
    }

    @Test
    void aVaultValueIsMaskedInTheOutputAndAWrongPasswordNamesWhere() throws Exception {
        Path password = Files.writeString(dir.resolve("pw.txt"), "pw-for-mask-test\n");
        DroverCommand.run(new String[] {"vault", "encrypt_string", "--vault-password-file", password.toString(),
                "Masked-In-Output-123", "--name", "secret"}, Map.of());
        Path vars = Files.writeString(dir.resolve("vars.yml"), output());
        out.reset();
        String book = "- hosts: all\n  gather_facts: false\n  vars_files: [" + vars + "]\n  tasks:\n"
                + "    - debug: msg=\"the secret is {{ secret }}\"\n    - fail: msg=\"{{ secret }}\"\n";
        int code = play(book, "-c", "local", "--vault-password-file", password.toString());
        assertThat(code).isEqualTo(2);
        assertThat(output()).contains("the secret is ********").contains("\"msg\": \"********\"")
                .doesNotContain("Masked-In-Output-123");

        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not-it\n");
        out.reset();
        play(book, "-c", "local", "--vault-password-file", wrong.toString());
        assertThat(output()).contains("Decryption failed (no vault secrets were found that could decrypt) on the !vault value at "
                + vars + ":1:9").contains("tried 1 password: default (file " + wrong + ")");
    }

    @Test
    void malformedYamlNamesFileLineAndColumnWithoutAStackTrace() throws IOException {
        int code = play("- hosts: all\n  tasks:\n    - command: x\n     bad: indent\n");
        assertThat(code).isEqualTo(1);
        assertThat(errors()).startsWith("ERROR! " + dir.resolve("play.yml") + ":4:").contains("indentation")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownModuleStopsTheRunBeforeAnyHostIsTouched() throws IOException {
        int code = play("- hosts: all\n  tasks:\n    - name: first\n      command: echo hi\n    - apt_get: name=x\n",
                "-e", "ansible_connection=local");
        assertThat(code).isEqualTo(1);
        assertThat(errors()).contains("play.yml:5:").contains("couldn't resolve module/action 'apt_get'");
        assertThat(output()).doesNotContain("TASK [first]");
    }

    @Test
    void anUndefinedVariableFailsTheTaskNamingTheVariableAndWhere() throws IOException {
        int code = play("- hosts: all\n  gather_facts: no\n  tasks:\n    - name: greet\n      debug:\n        msg: \"{{ nosuch }}\"\n",
                "-e", "ansible_connection=local");
        assertThat(code).isEqualTo(2);
        assertThat(output()).contains("fatal: [localhost]: FAILED!").contains("'nosuch' is undefined")
                .contains("play.yml:4:");
        assertThat(output()).contains("failed=1");
    }

    @Test
    void anUnreachableHostIsReportedAndExitsWithFour() throws IOException {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  hosts:\n    ghost: {ansible_host: 127.0.0.1, ansible_port: 1, ansible_user: root}\n");
        Path book = dir.resolve("play.yml");
        Files.writeString(book, "- hosts: all\n  gather_facts: no\n  tasks:\n    - command: uptime\n");
        int code = DroverCommand.run(new String[] {"play", "-i", inventory.toString(), "--ssh-host-key-checking=off",
                book.toString()}, Map.of());
        assertThat(code).isEqualTo(4);
        assertThat(output()).contains("fatal: [ghost]: UNREACHABLE!").contains("Connection refused")
                .contains("unreachable=1");
        assertThat(errors()).doesNotContain("\tat ");
    }

    @Test
    void aMissingPlaybookSaysWhereItLooked() {
        int code = DroverCommand.run(new String[] {"play", "-i", "localhost,", dir.resolve("nope.yml").toString()}, Map.of());
        assertThat(code).isEqualTo(1);
        assertThat(errors()).contains("nope.yml: file not found");
    }

    @Test
    void jsonOutputHasAnsiblesJsonCallbackShape() throws IOException {
        Path book = dir.resolve("play.yml");
        Files.writeString(book, "- name: p\n  hosts: all\n  gather_facts: no\n  tasks:\n    - name: t\n      command: echo hi\n");
        int code = DroverCommand.run(new String[] {"play", "-i", "localhost,", "-e", "ansible_connection=local",
                book.toString()}, Map.of("DROVER_STDOUT_CALLBACK", "json"));
        assertThat(code).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output());
        assertThat(json.at("/plays/0/play/name").asText()).isEqualTo("p");
        assertThat(json.at("/plays/0/tasks/0/task/name").asText()).isEqualTo("t");
        assertThat(json.at("/plays/0/tasks/0/hosts/localhost/stdout").asText()).isEqualTo("hi");
        assertThat(json.at("/plays/0/tasks/0/hosts/localhost/changed").asBoolean()).isTrue();
        assertThat(json.at("/stats/localhost/changed").asInt()).isEqualTo(1);
    }

    @Test
    void aLimitThatMatchesNoHostIsAnError() throws IOException {
        int code = play("- hosts: all\n  tasks:\n    - command: uptime\n", "--limit", "nosuch");
        assertThat(code).isEqualTo(1);
        assertThat(errors()).contains("Specified --limit does not match any hosts: nosuch").contains("localhost");
    }

    @Test
    void connectionFlagsStandForTheirVariables() throws IOException {
        int code = play("- hosts: all\n  gather_facts: no\n  tasks:\n    - command: whoami\n      register: me\n"
                + "    - debug: {msg: \"{{ me.stdout }} {{ ansible_user }}\"}\n", "-c", "local", "-u", "deploy");
        assertThat(code).isZero();
        assertThat(output()).contains("\"msg\": \"" + System.getProperty("user.name") + " deploy\"");
    }

    @Test
    void aPlaysRemoteUserAndPortStandAboveTheFlagsAndBelowEveryVariable() throws IOException {
        int code = play("- hosts: all\n  gather_facts: no\n  remote_user: deploy\n  port: 2222\n  tasks:\n"
                + "    - debug: {msg: \"{{ ansible_user }} {{ ansible_port }}\"}\n"
                + "- hosts: all\n  gather_facts: no\n  remote_user: deploy\n  vars: {ansible_user: ops}\n  tasks:\n"
                + "    - debug: {msg: \"then {{ ansible_user }}\"}\n", "-c", "local", "-u", "cli");
        assertThat(code).isZero();
        assertThat(output()).contains("\"msg\": \"deploy 2222\"").contains("\"msg\": \"then ops\"");
    }

    /** Without a terminal (as here), vars_prompt takes -e, then the default, else stops before any task runs. */
    @Test
    void varsPromptTakesExtraVarsThenItsDefaultWithoutATerminal() throws IOException {
        String playbook = "- hosts: all\n  gather_facts: no\n  vars_prompt:\n    - name: release\n      prompt: Which release?\n"
                + "      private: no\n    - name: color\n      default: blue\n  vars: {color: red}\n  tasks:\n"
                + "    - debug: {msg: \"{{ release }} {{ color }}\"}\n";
        assertThat(play(playbook, "-c", "local", "-e", "release=2.0")).isZero();
        assertThat(output()).as("an answer (here the default) stands above the play's vars").contains("\"msg\": \"2.0 blue\"");

        int before = output().length();
        assertThat(play(playbook, "-c", "local")).isNotZero();
        assertThat(errors()).contains("vars_prompt 'release' needs an answer, and there is no terminal to ask on")
                .contains("give it with -e release=VALUE");
        assertThat(output().substring(before)).as("no task ran").doesNotContain("TASK [debug]");
    }

    @Test
    void listHostsAndTasksShowWhatWouldRunWithoutRunningIt() throws IOException {
        int code = play("- name: web\n  hosts: all\n  tasks:\n    - name: one\n      command: touch /nonexistent/should-not-run\n"
                + "      tags: [a]\n    - name: two\n      command: echo\n", "--list-hosts", "--list-tasks", "--tags", "a");
        assertThat(code).isZero();
        assertThat(output()).contains("play #1 (all): web").contains("hosts (1):").contains("      localhost")
                .contains("      one\tTAGS: [a]").doesNotContain("      two");
    }

    /** ansible-playbook 2.14's --list-tags lines, checked against it. */
    @Test
    void listTagsShowsThePlaysTagsAndThoseOfTheTasksItWouldRun() throws IOException {
        int code = play("- hosts: all\n  tags: [play_tag]\n  tasks:\n    - command: echo\n      tags: [b, a]\n"
                + "    - block:\n        - command: echo\n      tags: inner\n- name: second\n  hosts: all\n  tasks:\n"
                + "    - command: echo\n", "--list-tags");
        assertThat(code).isZero();
        assertThat(output()).contains("  play #1 (all): all\tTAGS: [play_tag]\n      TASK TAGS: [a, b, inner, play_tag]\n")
                .contains("  play #2 (all): second\tTAGS: []\n      TASK TAGS: []\n").doesNotContain("TASK [");
    }

    @Test
    void syntaxCheckLoadsEverythingAndRunsNothing() throws IOException {
        assertThat(play("- hosts: all\n  tasks:\n    - command: touch /nonexistent/x\n", "--syntax-check")).isZero();
        assertThat(output()).contains("playbook: ").doesNotContain("TASK");
        assertThat(play("- hosts: all\n  tasks:\n    - commandd: x\n", "--syntax-check")).isEqualTo(1);
    }

    @Test
    void anAnsibleCfgGivesTheInventoryAndItsSettingsAsForAnsiblePlaybook() throws IOException {
        Files.writeString(dir.resolve("hosts.ini"), "cfg-host ansible_connection=local\n");
        Path config = Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = hosts.ini\nforks = 1\n"
                + "[ssh_connection]\npipelining = True\n");
        Path book = Files.writeString(dir.resolve("play.yml"), "- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - assert: {that: [inventory_hostname == 'cfg-host', ansible_forks == 1]}\n");
        int code = DroverCommand.run(new String[] {"play", "-v", book.toString()}, Map.of("ANSIBLE_CONFIG", config.toString()));
        assertThat(code).as(errors() + output()).isZero();
        assertThat(output()).contains("Using " + config.toRealPath() + " as config file")
                .contains("ansible.cfg settings drover does not apply: [ssh_connection] pipelining");
    }
}
