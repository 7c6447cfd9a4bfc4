package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover play --resume} after a run that did not finish: killed with SIGKILL while a
 * long task ran, or with one host becoming unreachable in the middle. The resumed run must
 * finish every task on every host, and every task must have been applied exactly once:
 * each task of resume/resume.yml appends its name to /srv/resume/log on its host, and the
 * log must list each name once, in order. Values registered and set before the interruption
 * must be there after it (task "three" writes them into its line). A second --resume has
 * nothing left to do.
 *
 * <p>Uses two hosts lent from the pool (drover.labHosts, or the lab), which it resets.
 */
@LabHosts(count = 2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeTest {

    private static final List<String> FULL_LOG = List.of("one", "two", "long", "three-first-value-first-value-fact", "four",
            "handler");
    private static final List<String> BEFORE_LONG = List.of("one", "two");

    private Lab lab;
    private String first;
    private String second;
    private Path playbook;

    @TempDir
    Path runs;

    @BeforeAll
    void lab(HostPool.Lease hosts) {
        lab = Lab.require();
        first = hosts.hosts().get(0);
        second = hosts.hosts().get(1);
        playbook = Lab.projectRoot().resolve("tests/src/test/resources/resume/resume.yml");
    }

    @Test
    void resumesARunKilledDuringALongTask() throws Exception {
        lab.reset(first, second);
        Process run = start(List.of());
        waitForLongTask(first);
        waitForLongTask(second);
        run.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to write anything more
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // The remote sleep outlives the killed connection; stop it so that "long" cannot finish behind our back.
        stopLongTask(first);
        stopLongTask(second);
        assertThat(log(first)).isEqualTo(BEFORE_LONG);
        assertThat(log(second)).isEqualTo(BEFORE_LONG);

        LocalCommand.Output resumed = drover(List.of("--resume"));
        assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        assertThat(log(first)).isEqualTo(FULL_LOG);
        assertThat(log(second)).isEqualTo(FULL_LOG);
        assertThat(resumed.stdout()).as("completed tasks are not run again").doesNotContain("TASK [one]", "TASK [two]");

        LocalCommand.Output again = drover(List.of("--resume"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.stderr()).contains("nothing to resume");
        assertThat(log(first)).isEqualTo(FULL_LOG);
        assertThat(log(second)).isEqualTo(FULL_LOG);
    }

    @Test
    void resumesAfterAHostBecameUnreachable() throws Exception {
        lab.reset(first, second);
        Process run = start(List.of());
        waitForLongTask(second);
        // sshd stops listening (it comes back by itself in 15 s), then the session drover uses is
        // cut: drover sees the connection drop in the middle of "long" and cannot connect again.
        // The orphaned "long" is stopped too, so that it cannot append its name behind our back.
        // One command: once sshd is stopped this test cannot log in either, until the timer restarts it.
        lab.ssh(second, "systemd-run --quiet --on-active=15 systemctl start ssh && systemctl stop ssh"
                + " && p=$(cat /srv/resume/long.pid); while [ \"$(ps -o comm= -p \"$p\")\" != sshd ]; do"
                + " p=$(ps -o ppid= -p \"$p\" | tr -d ' '); done; kill \"$p\"; sleep 0.5; kill $(cat /srv/resume/long.pid)");
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("the run ends once the host is out").isTrue();
        assertThat(run.exitValue()).as("exit code of a run with an unreachable host").isEqualTo(4);
        waitForSsh(second);
        stopLongTask(second);
        assertThat(log(first)).isEqualTo(FULL_LOG);
        assertThat(log(second)).isEqualTo(BEFORE_LONG);

        LocalCommand.Output resumed = drover(List.of("--resume"));
        assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
        assertThat(log(first)).as("the host that had finished does nothing").isEqualTo(FULL_LOG);
        assertThat(log(second)).isEqualTo(FULL_LOG);

        LocalCommand.Output again = drover(List.of("--resume"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.stderr()).contains("nothing to resume");
    }

    private List<String> argv(List<String> extra) {
        List<String> argv = new ArrayList<>(List.of(lab.root().resolve("bin/drover").toString(), "play",
                "-i", lab.inventory().toString(), playbook.toString(), "--limit", first + "," + second));
        argv.addAll(extra);
        return argv;
    }

    private Map<String, String> environment() {
        return Map.of("DROVER_RUNS_DIR", runs.toString(), "NO_COLOR", "1");
    }

    private Process start(List<String> extra) throws IOException {
        Path output = Files.createTempFile(runs, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(argv(extra)).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment());
        return builder.start();
    }

    private LocalCommand.Output drover(List<String> extra) {
        return LocalCommand.of(argv(extra)).environment(environment()).timeout(Duration.ofMinutes(3)).run();
    }

    private void waitForLongTask(String host) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (lab.ssh(host, "test -s /srv/resume/long.pid").exitCode() != 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the long task never started on " + host);
            }
            Thread.sleep(200);
        }
    }

    /** Ends the long task's sleep by the process id it wrote, so that it never appends "long". */
    private void stopLongTask(String host) {
        lab.ssh(host, "kill $(cat /srv/resume/long.pid) 2>/dev/null; rm -f /srv/resume/long.pid");
    }

    private void waitForSsh(String host) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                lab.ssh(host, "true");
                return;
            } catch (AssertionError down) {
                if (Instant.now().isAfter(deadline)) {
                    throw down;
                }
                Thread.sleep(1000);
            }
        }
    }

    private List<String> log(String host) {
        String text = lab.ssh(host, "cat /srv/resume/log").stdout();
        return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
    }
}
