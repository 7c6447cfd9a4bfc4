package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.inventory.InventoryLoader;
import dev.drover.modules.ModuleRegistry;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookLoader;
import dev.drover.report.HostOutcome;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serial, --start-at-task and --resume on local hosts: the order of what runs, and what is skipped. */
class StrategyRunTest {

    @TempDir
    Path dir;

    private Path book;
    private Path inventory;

    @BeforeEach
    void hosts() throws IOException {
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  hosts:
                    h1: {ansible_connection: local}
                    h2: {ansible_connection: local}
                    h3: {ansible_connection: local}
                """);
        book = dir.resolve("site.yml");
    }

    private RecordingListener run(String playbook, Map<String, Object> extraVars, RunControl control) throws IOException {
        Files.writeString(book, playbook);
        ModuleRegistry modules = ModuleRegistry.builtin();
        Set<String> actions = new HashSet<>(modules.names());
        actions.add("meta");
        Playbook loaded = new PlaybookLoader(actions, Map.of()).load(book);
        RecordingListener listener = new RecordingListener();
        RunOptions options = new RunOptions(false, false, null, Set.of(), Set.of(), extraVars, 0, 0, true, List.of(), Map.of(), Map.of());
        RunResult result = new Executor(modules, new Templar(), options, listener, control)
                .run(loaded, InventoryLoader.load(List.of(inventory.toString())));
        control.finish(result.exitCode());
        return listener;
    }

    private static List<String> hostsOf(RecordingListener run, String msg) {
        return run.results.stream().filter(r -> msg.equals(r.result().get("msg"))).map(HostOutcome::host).toList();
    }

    @Test
    void serialRunsTheWholePlayPerBatchHandlersIncluded() throws IOException {
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  serial: [1, 2]
                  tasks:
                    - debug: {msg: task}
                      changed_when: true
                      notify: h
                  handlers:
                    - name: h
                      debug: {msg: handler}
                """, Map.of(), RunControl.none());
        assertThat(run.tasks).containsExactly("TASK debug", "RUNNING HANDLER h", "TASK debug", "RUNNING HANDLER h");
        List<String> ran = hostsOf(run, "task");
        assertThat(ran.get(0)).as("the first batch is h1 alone").isEqualTo("h1");
        assertThat(ran.subList(1, 3)).as("the second batch runs h2 and h3 together").containsExactlyInAnyOrder("h2", "h3");
    }

    @Test
    void startAtTaskFindsARoleQualifiedNameAndSkipsWhatComesBefore() throws IOException {
        Files.createDirectories(dir.resolve("roles/web/tasks"));
        Files.writeString(dir.resolve("roles/web/tasks/main.yml"), """
                - name: first in role
                  debug: {msg: r1}
                - name: second in role
                  debug: {msg: r2}
                """);
        RecordingListener run = run("""
                - hosts: h1
                  gather_facts: false
                  pre_tasks:
                    - name: before
                      fail: {msg: must not run}
                  roles: [web]
                  tasks:
                    - name: after
                      debug: {msg: after}
                """, Map.of(), RunControl.of("web : second*", false, false, dir.resolve("runs"), book, List.of(), null));
        assertThat(run.tasks).containsExactly("TASK web : second in role", "TASK after");
    }

    @Test
    void anUnmatchedStartTaskRunsNothingAndSaysSo() throws IOException {
        RunControl control = RunControl.of("nothing like it", false, false, dir.resolve("runs"), book, List.of(), null);
        Files.writeString(book, "- hosts: h1\n  tasks: []\n");
        RecordingListener run = run("""
                - hosts: h1
                  gather_facts: false
                  tasks:
                    - debug: {msg: a}
                """, Map.of(), control);
        assertThat(run.tasks).isEmpty();
        assertThat(run.warnings).anyMatch(w -> w.startsWith("No matching task \"nothing like it\" found."));
    }

    private static final String RESUMABLE = """
            - hosts: h1,h2
              gather_facts: false
              tasks:
                - name: one
                  command: echo one-{{ inventory_hostname }}
                  register: one
                - name: fact
                  set_fact: {remembered: "{{ one.stdout }}"}
                - name: breaks on h2
                  fail: {msg: broken}
                  when: inventory_hostname == 'h2' and broken | bool
                - name: uses what came before
                  debug: {msg: "{{ one.stdout }} {{ remembered }}"}
            """;

    @Test
    void resumeStartsEachHostWhereItStoppedWithItsRegisteredValues() throws IOException {
        Path runs = dir.resolve("runs");
        Files.writeString(book, RESUMABLE);
        RecordingListener broken = run(RESUMABLE, Map.of("broken", true),
                RunControl.of(null, false, true, runs, book, List.of(inventory.toString()), null));
        assertThat(broken.results).anyMatch(r -> r.host().equals("h2") && r.status() == Status.FAILED);

        RecordingListener resumed = run(RESUMABLE, Map.of("broken", false),
                RunControl.of(null, true, true, runs, book, List.of(inventory.toString()), null));
        assertThat(resumed.tasks).containsExactly("TASK breaks on h2", "TASK uses what came before");
        assertThat(resumed.results).extracting(HostOutcome::host).containsExactly("h2", "h2");
        assertThat(hostsOf(resumed, "one-h2 one-h2")).containsExactly("h2");

        assertThatThrownBy(() -> RunControl.of(null, true, true, runs, book, List.of(inventory.toString()), null))
                .isInstanceOf(RunControl.NothingToResume.class).hasMessageContaining("nothing to resume");
    }

    @Test
    void resumeRefusesAChangedPlaybookAndAMissingRecord() throws IOException {
        Path runs = dir.resolve("runs");
        Files.writeString(book, RESUMABLE);
        assertThatThrownBy(() -> RunControl.of(null, true, true, runs, book, List.of(inventory.toString()), null))
                .hasMessageContaining("no recorded run to resume");
        run(RESUMABLE, Map.of("broken", true), RunControl.of(null, false, true, runs, book, List.of(inventory.toString()), null));
        Files.writeString(book, RESUMABLE + "\n# edited\n");
        assertThatThrownBy(() -> RunControl.of(null, true, true, runs, book, List.of(inventory.toString()), null))
                .hasMessageContaining("the playbook has changed");
    }

    @Test
    void aLineCutShortByAKillCountsAsNotFinished() throws IOException {
        Path runs = dir.resolve("runs");
        Files.writeString(book, RESUMABLE);
        run(RESUMABLE, Map.of("broken", true), RunControl.of(null, false, true, runs, book, List.of(inventory.toString()), null));
        Path record = RunRecord.directoryFor(runs, book, List.of(inventory.toString()), null);
        Files.writeString(record.resolve("completed.jsonl"), "{\"host\":\"h2\",\"task\":\"0/tas",
                java.nio.file.StandardOpenOption.APPEND);
        RecordingListener resumed = run(RESUMABLE, Map.of("broken", false),
                RunControl.of(null, true, true, runs, book, List.of(inventory.toString()), null));
        assertThat(resumed.tasks).containsExactly("TASK breaks on h2", "TASK uses what came before");
    }

    @Test
    void globsAreShellPatterns() {
        assertThat(StartAtTask.glob("start*here").matcher("start right here").matches()).isTrue();
        assertThat(StartAtTask.glob("ta?k").matcher("task").matches()).isTrue();
        assertThat(StartAtTask.glob("[!x]y").matcher("ay").matches()).isTrue();
        assertThat(StartAtTask.glob("[!x]y").matcher("xy").matches()).isFalse();
        assertThat(StartAtTask.glob("a.b").matcher("axb").matches()).isFalse();
    }
}
