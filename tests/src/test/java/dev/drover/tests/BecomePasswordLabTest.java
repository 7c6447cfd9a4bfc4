package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A user whose sudo asks for its password, as on most home-lab machines: what a person
 * running drover sees with the password missing, wrong, given in a file or in a variable, and
 * that the password shows up nowhere (not in the task's environment, not in a trace). How the
 * statuses compare with ansible-playbook's is differential playbook 87.
 */
@LabHosts(count = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BecomePasswordLabTest {

    private static final String USER = "sudoer";
    private static final String PASSWORD = "it's a secret";
    private Lab lab;
    private String host;
    private Path dir;
    private Path playbook;

    @BeforeAll
    void aUserWhoseSudoAsksForItsPassword(HostPool.Lease hosts) throws IOException {
        lab = Lab.require();
        host = hosts.hosts().get(0);
        lab.reset(host);
        LocalCommand.Output made = lab.ssh(host, "useradd -m -s /bin/sh " + USER + " && echo " + USER + ":" + "'" + PASSWORD.replace("'", "'\\''")
                + "' | chpasswd && install -d -o " + USER + " -m 700 /home/" + USER + "/.ssh"
                + " && install -o " + USER + " -m 600 /root/.ssh/authorized_keys /home/" + USER + "/.ssh/"
                + " && echo '" + USER + " ALL=(ALL:ALL) ALL' > /etc/sudoers.d/" + USER + " && chmod 440 /etc/sudoers.d/" + USER);
        assertThat(made.exitCode()).as(made.describe()).isZero();
        dir = Files.createTempDirectory("drover-become");
        playbook = Files.writeString(dir.resolve("become.yml"), """
                - hosts: all
                  gather_facts: false
                  become: true
                  vars: {ansible_user: %s}
                  tasks:
                    - name: who
                      command: id -un
                      register: who
                    - name: the task's environment
                      command: env
                      register: env
                    - debug: {msg: "{{ who.stdout }}"}
                """.formatted(USER));
    }

    @AfterAll
    void resetTheHost() {
        if (lab != null && host != null) {
            lab.reset(host);
        }
    }

    @Test
    void withoutThePasswordTheTaskFailsSayingWhatToSet() {
        LocalCommand.Output run = drover(List.of(), Map.of());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).contains("Missing sudo password (sudo: a password is required): set ansible_become_password"
                + " (in the inventory or a vault file), or run with -K (--ask-become-pass)");
    }

    @Test
    void aWrongPasswordFailsTheTaskAsSudoRefusedIt() {
        LocalCommand.Output run = drover(List.of("-e", "ansible_become_password=wrong"), Map.of());
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.stdout()).contains("Incorrect sudo password (sudo: 3 incorrect password attempts):"
                + " check ansible_become_password for this host");
    }

    @Test
    void thePasswordFromAFileOrAVariableRunsTasksAsRootAndShowsNowhere() throws IOException {
        Path file = Files.writeString(dir.resolve("become-pass"), PASSWORD + "\n");
        LocalCommand.Output fromFile = drover(List.of("--become-password-file", file.toString()), Map.of("DROVER_TRACE", "1"));
        assertThat(fromFile.exitCode()).as(fromFile.describe()).isZero();
        assertThat(fromFile.stdout()).contains("\"msg\": \"root\"");
        assertThat(fromFile.stdout() + fromFile.stderr()).as("the password, in the output or the trace").doesNotContain("secret");
        assertThat(fromFile.stderr()).contains("DROVER_BECOME_PASSWORD=********");

        Path vars = Files.writeString(dir.resolve("vars.yml"), "ansible_become_password: \"" + PASSWORD + "\"\n");
        LocalCommand.Output fromVars = drover(List.of("-e", "@" + vars, "-v"), Map.of());
        assertThat(fromVars.exitCode()).as(fromVars.describe()).isZero();
        assertThat(fromVars.stdout()).as("env's output, shown by -v").contains("SUDO_USER=" + USER).doesNotContain("secret");
    }

    @Test
    void askingForThePasswordNeedsATerminal() {
        LocalCommand.Output run = drover(List.of("-K"), Map.of());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("cannot ask for the become password: there is no terminal")
                .contains("use --become-password-file FILE");
    }

    private LocalCommand.Output drover(List<String> options, Map<String, String> environment) {
        List<String> argv = new ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                "-i", lab.inventory().toString(), "--limit", host));
        argv.addAll(options);
        argv.add(playbook.toString());
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("NO_COLOR", "1");
        return LocalCommand.of(argv).environment(env).stdin("").timeout(Duration.ofMinutes(2)).run();
    }
}
