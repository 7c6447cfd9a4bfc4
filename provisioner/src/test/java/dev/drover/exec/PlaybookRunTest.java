package dev.drover.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.inventory.InventoryLoader;
import dev.drover.modules.ModuleRegistry;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.PlaybookLoader;
import dev.drover.report.HostOutcome;
import dev.drover.report.HostStats;
import dev.drover.report.Status;
import dev.drover.template.Templar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole playbooks run by the executor against the local machine (ansible_connection: local). */
class PlaybookRunTest {

    @TempDir
    Path dir;

    private RecordingListener run(String playbook, Map<String, Object> extraVars, Set<String> tags) throws IOException {
        return run(playbook, extraVars, tags, false);
    }

    private RecordingListener run(String playbook, Map<String, Object> extraVars, Set<String> tags, boolean forceHandlers)
            throws IOException {
        Path book = dir.resolve("site.yml");
        Files.writeString(book, playbook);
        ModuleRegistry modules = ModuleRegistry.builtin();
        Set<String> actions = new HashSet<>(modules.names());
        actions.add("meta");
        Playbook loaded = new PlaybookLoader(actions, Map.of()).load(book);
        RecordingListener listener = new RecordingListener();
        RunOptions options = new RunOptions(false, false, null, tags, Set.of(), extraVars, 0, 0, true, List.of(), Map.of(), Map.of(),
                forceHandlers);
        new Executor(modules, new Templar(), options, listener)
                .run(loaded, InventoryLoader.load(List.of(dir.resolve("hosts.yml").toString())));
        return listener;
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    @Test
    void variablesFollowAnsiblesPrecedenceFromRoleDefaultsToExtraVars() throws IOException {
        write("hosts.yml", """
                all:
                  vars: {p1: inventory, p2: inv_all, p3: inv_all}
                  children:
                    kids:
                      vars: {p2: inv_child, p4: inv_child}
                      hosts:
                        h1: {ansible_connection: local, p4: inv_host, p5: inv_host}
                """);
        write("group_vars/all.yml", "p3: gv_all\n");
        write("group_vars/kids.yml", "p2: gv_child\n");
        write("host_vars/h1.yml", "p5: hv\np6: hv\n");
        write("vf.yml", "p7: vars_file\np8: vars_file\n");
        write("roles/r/defaults/main.yml", "p1: role_default\n");
        write("roles/r/vars/main.yml", "p8: role_vars\np9: role_vars\n");
        write("roles/r/tasks/main.yml", """
                - block:
                    - name: show
                      debug:
                        msg: "{{ p1 }},{{ p2 }},{{ p3 }},{{ p4 }},{{ p5 }},{{ p6 }},{{ p7 }},{{ p8 }},{{ p9 }},{{ p10 }},{{ p11 }},{{ p12 }}"
                      vars: {p10: task, p11: task}
                  vars: {p9: block, p10: block}
                """);
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: no
                  vars: {p6: play, p7: play}
                  vars_files: [vf.yml]
                  pre_tasks:
                    - set_fact: {p11: set_fact, p12: set_fact}
                  roles: [r]
                """, Map.of("p12", "extra"), Set.of());
        HostOutcome show = run.result("show");
        assertThat(show.result().get("msg"))
                .isEqualTo("inventory,gv_child,gv_all,inv_host,hv,play,vars_file,role_vars,block,task,set_fact,extra");
    }

    @Test
    void handlersRunOnceAfterTheSectionOnlyWhenNotifiedByAChange() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change one
                      command: "true"
                      notify: restart
                    - name: change two
                      command: "true"
                      notify: [restart, by topic]
                    - name: no change
                      command: "true"
                      changed_when: false
                      notify: never notified
                  handlers:
                    - name: restart
                      debug: {msg: restarted}
                    - name: never notified
                      debug: {msg: should not run}
                    - name: listener
                      debug: {msg: heard}
                      listen: by topic
                """, Map.of(), Set.of());
        assertThat(run.tasks).containsExactly("TASK change one", "TASK change two", "TASK no change",
                "RUNNING HANDLER restart", "RUNNING HANDLER listener");
    }

    @Test
    void aFailureInABlockIsRescuedAndAlwaysRuns() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - block:
                        - name: boom
                          command: /bin/false
                        - name: not reached
                          debug: {msg: x}
                      rescue:
                        - name: rescue
                          debug: {msg: rescued}
                      always:
                        - name: always
                          debug: {msg: always}
                    - name: after
                      debug: {msg: after}
                """, Map.of(), Set.of());
        assertThat(run.tasks).containsExactly("TASK boom", "TASK rescue", "TASK always", "TASK after");
        HostStats stats = run.recap.get(0);
        assertThat(stats.failed()).isZero();
        assertThat(stats.rescued()).isEqualTo(1);
        assertThat(stats.ok()).isEqualTo(3);
    }

    @Test
    void loopsRegisterEveryItemAndWhenIsCheckedPerItem() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: echo
                      shell: echo {{ item }}
                      with_items: [a, b, c]
                      when: item != 'b'
                      register: echoed
                    - name: count
                      debug:
                        msg: "{{ echoed.results[0].stdout }} {{ echoed.results[1].skipped }} {{ echoed.results[2].stdout }}"
                """, Map.of(), Set.of());
        List<Status> itemStatuses = run.results.subList(0, 3).stream().map(HostOutcome::status).toList();
        assertThat(itemStatuses).containsExactly(Status.CHANGED, Status.SKIPPED, Status.CHANGED);
        assertThat(run.result("count").result().get("msg")).isEqualTo("a True c");
    }

    @Test
    void tagsSelectTasksAndFailedWhenOverridesTheReturnCode() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: tagged
                      command: /bin/false
                      register: r
                      failed_when: r.rc != 1
                      tags: [deploy]
                    - name: untagged
                      debug: {msg: x}
                """, Map.of(), Set.of("deploy"));
        assertThat(run.tasks).containsExactly("TASK tagged");
        assertThat(run.results.get(0).status()).isEqualTo(Status.CHANGED);
    }

    private static final String FAILING_WITH_A_HANDLER = """
            - hosts: all
              gather_facts: false
              %s
              tasks:
                - name: notify
                  debug: {msg: change}
                  changed_when: true
                  notify: handler
                - name: fail
                  fail: {msg: down}
              handlers:
                - name: handler
                  debug: {msg: handled}
            """;

    @Test
    void forcedHandlersRunOnAFailedHostAtTheSectionsEnd() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        assertThat(run(FAILING_WITH_A_HANDLER.formatted(""), Map.of(), Set.of()).tasks)
                .containsExactly("TASK notify", "TASK fail");
        RecordingListener forced = run(FAILING_WITH_A_HANDLER.formatted("force_handlers: true"), Map.of(), Set.of());
        assertThat(forced.tasks).containsExactly("TASK notify", "TASK fail", "RUNNING HANDLER handler");
        assertThat(forced.recap.get(0).failed()).isEqualTo(1);
        assertThat(run(FAILING_WITH_A_HANDLER.formatted(""), Map.of(), Set.of(), true).tasks)
                .as("--force-handlers").endsWith("RUNNING HANDLER handler");
        assertThat(run(FAILING_WITH_A_HANDLER.formatted("force_handlers: false"), Map.of(), Set.of(), true).tasks)
                .as("the play's force_handlers: false over --force-handlers").doesNotContain("RUNNING HANDLER handler");
    }

    @Test
    void ignoredFailuresAndUnreachableHostsAreShownIgnoredAndTheHostGoesOn() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: fails
                      fail: {msg: no}
                      ignore_errors: true
                    - name: a closed port on loopback
                      command: "true"
                      vars: {ansible_connection: ssh, ansible_host: 127.0.0.1, ansible_port: 1, ansible_ssh_timeout: 5}
                      ignore_unreachable: true
                      register: closed
                    - name: goes on
                      debug: {msg: "{{ closed.unreachable }}"}
                """, Map.of(), Set.of());
        assertThat(run.results).extracting(HostOutcome::status)
                .containsExactly(Status.IGNORED, Status.IGNORED, Status.OK);
        assertThat(run.results.get(1).result()).containsEntry("unreachable", true);
        assertThat(run.results.get(2).result()).containsEntry("msg", true);
        HostStats stats = run.recap.get(0);
        assertThat(List.of(stats.ok(), stats.ignored(), stats.unreachable(), stats.failed())).containsExactly(3, 2, 0, 0);
    }

    @Test
    void moduleDefaultsGiveTheArgumentsATaskLeavesOut() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  module_defaults:
                    ansible.builtin.command: {chdir: "{{ where }}"}
                  tasks:
                    - name: defaulted
                      command: pwd
                    - name: its own
                      command: pwd
                      args: {chdir: /}
                """, Map.of("where", dir.toString()), Set.of());
        assertThat(run.results.get(0).result()).containsEntry("stdout", dir.toRealPath().toString());
        assertThat(run.results.get(1).result()).containsEntry("stdout", "/");
    }

    @Test
    void asyncTasksRunAsJobsThatPollOrAsyncStatusWaitsFor() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: polled
                      command: echo polled
                      async: 30
                      poll: 1
                      register: polled
                    - name: left running
                      shell: sleep 1; echo later
                      async: 30
                      poll: 0
                      register: started
                    - name: wait for it
                      async_status: {jid: "{{ started.ansible_job_id }}"}
                      register: job
                      until: job is finished
                      retries: 20
                      delay: 0.2
                    - name: over its limit
                      command: sleep 10
                      async: 1
                      poll: 1
                      ignore_errors: true
                    - name: a job it never started
                      async_status: {jid: "123.456"}
                      ignore_errors: true
                """, Map.of(), Set.of());
        assertThat(run.results.get(0).result()).containsEntry("stdout", "polled").containsEntry("finished", 1);
        assertThat(run.results.get(1).result()).containsEntry("finished", 0).containsKey("ansible_job_id");
        HostOutcome waited = run.results.get(run.results.size() - 3);
        assertThat(waited.result()).containsEntry("stdout", "later").containsEntry("finished", 1);
        HostOutcome limited = run.results.get(run.results.size() - 2);
        assertThat(limited.status()).isEqualTo(Status.IGNORED);
        assertThat(limited.result()).containsEntry("msg", "async task did not complete within the requested time - 1s");
        assertThat(run.results.get(run.results.size() - 1).result()).containsEntry("msg", "could not find job");
    }

    @Test
    void aHandlerThatIncludesTasksRunsThemAsHandlersWhenNotified() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        write("restart.yml", """
                - name: inner
                  debug: {msg: inner}
                  changed_when: true
                  notify: after
                """);
        RecordingListener run = run("""
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: change
                      debug: {msg: change}
                      changed_when: true
                      notify: by topic
                  handlers:
                    - name: not notified
                      include_tasks: restart.yml
                    - name: restart
                      include_tasks: restart.yml
                      listen: by topic
                    - name: after
                      debug: {msg: after}
                """, Map.of(), Set.of());
        assertThat(run.tasks).containsExactly("TASK change", "RUNNING HANDLER restart", "RUNNING HANDLER inner",
                "RUNNING HANDLER after");
    }

    @Test
    void ansibleStrategyIsThePlaysStrategyWhenItNamesNone() throws IOException {
        write("hosts.yml", "all:\n  hosts:\n    h1: {ansible_connection: local}\n");
        Path book = Files.writeString(dir.resolve("site.yml"),
                "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: once}\n      run_once: true\n");
        ModuleRegistry modules = ModuleRegistry.builtin();
        Playbook loaded = new PlaybookLoader(new HashSet<>(modules.names()), Map.of()).load(book);
        RecordingListener listener = new RecordingListener();
        RunOptions options = new RunOptions(false, false, null, Set.of(), Set.of(), Map.of(), 0, 0, true, List.of(),
                Map.of("ANSIBLE_STRATEGY", "free"), Map.of());
        new Executor(modules, new Templar(), options, listener).run(loaded, InventoryLoader.load(List.of(dir.resolve("hosts.yml").toString())));
        assertThat(listener.warnings).anyMatch(w -> w.startsWith("Using run_once with the free strategy is not currently supported"));
    }
}
