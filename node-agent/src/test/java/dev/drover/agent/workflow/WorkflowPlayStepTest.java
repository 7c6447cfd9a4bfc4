package dev.drover.agent.workflow;

import static dev.drover.agent.workflow.WorkflowFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pull mode: the provisioner applies a playbook and a role to this machine over the local connection. */
class WorkflowPlayStepTest {

    @Test
    void appliesAPlaybookAndARoleLocallyAndIsIdempotent(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(dir.resolve("workflows/plays"));
        Files.createDirectories(dir.resolve("workflows/roles/motd/tasks"));
        Files.writeString(dir.resolve("workflows/plays/site.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: write the greeting
                      copy:
                        content: "hello {{ who }}\\n"
                        dest: "{{ out }}/greeting"
                """);
        Files.writeString(dir.resolve("workflows/roles/motd/tasks/main.yml"), """
                - name: a line in the motd
                  lineinfile:
                    path: "{{ out }}/motd"
                    line: "managed by drover"
                    create: true
                """);
        try (WorkflowFixture f = new WorkflowFixture(dir, new PlayStep())) {
            f.write("pull", """
                    steps:
                      - {id: site, type: play, playbook: plays/site.yml, extra_vars: {who: lab, out: "%1$s"}}
                      - {id: motd, type: play, role: motd, needs: site, extra_vars: {out: "%1$s"}}
                      - {id: broken, type: play, playbook: plays/site.yml, needs: motd, extra_vars: {who: x, out: /nonexistent/dir},
                         on_failure: continue}
                    """.formatted(out));
            Files.createDirectories(out);
            RunRecord first = f.run("pull", Map.of());
            assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(Files.readString(out.resolve("greeting"))).isEqualTo("hello lab\n");
            assertThat(Files.readString(out.resolve("motd"))).isEqualTo("managed by drover\n");
            assertThat(step(first, "site").outputs()).containsEntry("changed", 1).containsEntry("rc", 0);
            assertThat(step(first, "site").log()).contains("write the greeting");
            assertThat(step(first, "motd").outputs()).containsEntry("changed", 1);
            assertThat(step(first, "broken").status()).isEqualTo(StepStatus.FAILED);
            assertThat(step(first, "broken").outputs()).containsEntry("rc", 2).containsEntry("failed", 1);

            RunRecord second = f.run("pull", Map.of());
            assertThat(step(second, "site").outputs()).containsEntry("changed", 0).containsEntry("ok", 1);
            assertThat(step(second, "motd").outputs()).containsEntry("changed", 0);
        }
    }
}
