package dev.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {

    private static final Set<String> ACTIONS = Set.of("command", "shell", "debug", "copy", "meta", "set_fact");

    @TempDir
    Path dir;

    private Playbook load(String text) throws IOException {
        Path file = dir.resolve("site.yml");
        Files.writeString(file, text);
        return new PlaybookLoader(ACTIONS, Map.of()).load(file);
    }

    private UserError loadError(String text) {
        return (UserError) org.assertj.core.api.Assertions.catchThrowable(() -> load(text));
    }

    @Test
    void anUnknownModuleIsReportedWithItsLineBeforeAnythingRuns() {
        UserError error = loadError("- hosts: all\n  tasks:\n    - name: x\n      copyy: src=a dest=b\n");
        assertThat(error.getMessage()).contains("couldn't resolve module/action 'copyy'");
        assertThat(error.location().line()).isEqualTo(4);
    }

    @Test
    void twoActionsInOneTaskAreAConflict() {
        assertThat(loadError("- hosts: all\n  tasks:\n    - command: a\n      shell: b\n").getMessage())
                .contains("conflicting action statements: command, shell");
    }

    @Test
    void aModuleAtPlayLevelGetsAHint() {
        UserError error = loadError("- hosts: all\n  command: uptime\n");
        assertThat(error.getMessage()).contains("'command' is not a valid attribute for a Play");
        assertThat(error.hint()).contains("put it in a task");
    }

    /** Keywords Ansible would apply and drover would not: refused with their line, never run as if absent. */
    @Test
    void keywordsDroverDoesNotApplyAreRefusedWithWhatToDo() {
        assertThat(loadError("- hosts: all\n  vars_prompt:\n    - name: x\n      encrypt: sha512_crypt\n  tasks: []\n").getMessage())
                .contains("'encrypt' in vars_prompt is not supported by drover yet");
        UserError su = loadError("- hosts: all\n  become_method: su\n  tasks: []\n");
        assertThat(su.getMessage()).contains("become_method 'su' is not supported by drover");
        assertThat(su.location().line()).isEqualTo(2);
    }

    @Test
    void moduleDefaultsAreReadByModuleNameAndInheritedOutermostFirst() throws IOException {
        Playbook book = load("""
                - hosts: all
                  module_defaults:
                    ansible.builtin.file: {mode: '0640'}
                  tasks:
                    - block:
                        - command: a
                          module_defaults:
                            - copy: {owner: app}
                      module_defaults:
                        file: {owner: root}
                """);
        Task task = (Task) ((Block) book.plays().get(0).tasks().get(0)).tasks().get(0);
        assertThat(task.run().moduleDefaults()).containsExactly(
                java.util.Map.of("file", java.util.Map.of("mode", "0640")),
                java.util.Map.of("file", java.util.Map.of("owner", "root")),
                java.util.Map.of("copy", java.util.Map.of("owner", "app")));
    }

    @Test
    void moduleDefaultsOfTheWrongShapeAreRefusedWithTheirLine() {
        UserError group = loadError("- hosts: all\n  module_defaults:\n    group/aws: {region: x}\n  tasks: []\n");
        assertThat(group.getMessage()).contains("action group 'group/aws' is not supported");
        assertThat(group.location().line()).isEqualTo(2);
        assertThat(loadError("- hosts: all\n  tasks:\n    - command: a\n      module_defaults: {command: chdir}\n").getMessage())
                .contains("module_defaults for 'command' must be a mapping of arguments");
        assertThat(loadError("- hosts: all\n  tasks:\n    - command: a\n      module_defaults: [x]\n").hint())
                .contains("mapping of module names to their arguments");
    }

    @Test
    void remoteUserAndPortOnABlockOrTaskAreTheInnermostLogin() throws IOException {
        Playbook book = load("""
                - hosts: all
                  remote_user: deploy
                  port: 2222
                  tasks:
                    - block:
                        - command: a
                          remote_user: app
                        - command: b
                      port: 22
                    - command: c
                """);
        Play play = book.plays().get(0);
        Block block = (Block) play.tasks().get(0);
        assertThat(((Task) block.tasks().get(0)).run().login()).containsEntry("ansible_user", "app").containsEntry("ansible_port", 22);
        assertThat(((Task) block.tasks().get(1)).run().login()).containsEntry("ansible_user", "deploy").containsEntry("ansible_port", 22);
        assertThat(((Task) play.tasks().get(1)).run().login()).containsEntry("ansible_user", "deploy").containsEntry("ansible_port", 2222);
    }

    @Test
    void aPlayWithoutHostsSaysSo() {
        assertThat(loadError("- name: x\n  tasks: []\n").getMessage()).contains("'hosts' is required");
    }

    @Test
    void blockKeywordsArePushedIntoTheirTasks() throws IOException {
        Playbook book = load("""
                - hosts: all
                  become: yes
                  tasks:
                    - block:
                        - command: a
                          when: y
                      rescue:
                        - debug: msg=r
                      when: x
                      tags: [outer]
                      vars: {v: 1}
                """);
        Block block = (Block) book.plays().get(0).tasks().get(0);
        Task task = (Task) block.tasks().get(0);
        assertThat(task.when()).containsExactly("x", "y");
        assertThat(task.tags()).containsExactly("outer");
        assertThat(task.blockVars()).containsEntry("v", 1);
        assertThat(task.become()).isEqualTo(true);
        assertThat(block.rescue()).hasSize(1);
    }

    @Test
    void rolesLoadWithDependenciesFirstAndOnce() throws IOException {
        for (String role : new String[] {"common", "web"}) {
            Files.createDirectories(dir.resolve("roles/" + role + "/tasks"));
            Files.createDirectories(dir.resolve("roles/" + role + "/defaults"));
            Files.writeString(dir.resolve("roles/" + role + "/tasks/main.yml"), "- command: echo " + role + "\n");
            Files.writeString(dir.resolve("roles/" + role + "/defaults/main.yaml"), role + "_default: 1\n");
        }
        Files.createDirectories(dir.resolve("roles/web/meta"));
        Files.writeString(dir.resolve("roles/web/meta/main.yml"), "dependencies: [common]\n");
        Playbook book = load("- hosts: all\n  roles:\n    - common\n    - role: web\n      listen_port: 80\n      port: 2222\n");
        Play play = book.plays().get(0);
        assertThat(play.roles()).extracting(r -> r.role().name()).containsExactly("common", "web");
        assertThat(play.roles().get(1).role().params()).containsEntry("listen_port", 80)
                .as("port is a keyword (the SSH port), as in Ansible, not a role parameter").doesNotContainKey("port");
        assertThat(play.roles().get(0).role().defaults()).containsEntry("common_default", 1);
        Task first = (Task) play.roleTasks().get(0);
        assertThat(first.displayName()).isEqualTo("common : command");
    }

    @Test
    void aMissingRoleListsWhereItLooked() {
        UserError error = loadError("- hosts: all\n  roles: [nosuch]\n");
        assertThat(error.getMessage()).contains("the role 'nosuch' was not found");
        assertThat(error.hint()).contains("roles").contains("DROVER_ROLES_PATH");
    }

    @Test
    void importTasksInlinesTheFileWithTheImportsKeywords() throws IOException {
        Files.writeString(dir.resolve("more.yml"), "- command: one\n- command: two\n");
        Playbook book = load("- hosts: all\n  tasks:\n    - import_tasks: more.yml\n      when: flag\n      tags: extra\n");
        assertThat(book.plays().get(0).tasks()).hasSize(2)
                .allSatisfy(item -> {
                    assertThat(((Task) item).when()).containsExactly("flag");
                    assertThat(((Task) item).tags()).containsExactly("extra");
                });
    }
}
