package dev.drover.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lines a user reads, in ansible-playbook 2.14's words (checked against its default callback). */
class ConsoleReporterTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ConsoleReporter console = new ConsoleReporter(new PrintStream(printed, true, StandardCharsets.UTF_8), 0, false, false);

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIgnoredFailureAndAnIgnoredUnreachableHostSayIgnoring() {
        console.hostResult(new HostOutcome("lab1", Status.IGNORED, Map.of("failed", true, "msg", "no"), null, false, null));
        console.hostResult(new HostOutcome("lab2", Status.IGNORED, Map.of("unreachable", true, "msg", "refused"), null, false, null));
        assertThat(output()).contains("fatal: [lab1]: FAILED! => {\"failed\": true, \"msg\": \"no\"}\n...ignoring\n")
                .contains("fatal: [lab2]: UNREACHABLE! => {\"msg\": \"refused\", \"unreachable\": true}\n...ignoring\n");
    }

    @Test
    void anIncludeSaysWhatItIncludedForWhichHostsInsteadOfOk() {
        console.hostResult(new HostOutcome("lab1", Status.OK, Map.of("include", "a.yml", "include_args", Map.of()), null, false, null));
        console.included("/srv/play/a.yml", List.of("lab1", "lab2"), null);
        console.included("/srv/play/b.yml", List.of("lab1"), "b.yml");
        assertThat(output()).doesNotContain("ok: [lab1]")
                .contains("included: /srv/play/a.yml for lab1, lab2\n")
                .contains("included: /srv/play/b.yml for lab1 => (item=b.yml)\n");
    }

    @Test
    void aTaskWaitingForItsAsyncJobShowsEachLook() {
        console.asyncPolled("lab1", "j1.2", "POLL");
        console.asyncPolled("lab1", "j1.2", "OK");
        console.asyncPolled("lab2", "j3.4", "FAILED");
        assertThat(output()).isEqualTo("ASYNC POLL on lab1: jid=j1.2 started=1 finished=0\nASYNC OK on lab1: jid=j1.2\n"
                + "ASYNC FAILED on lab2: jid=j3.4\n");
    }
}
