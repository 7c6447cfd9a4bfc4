package dev.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** include_tasks / include_role stay dynamic; import_tasks / import_role are inlined; what each accepts. */
class IncludeLoadingTest {

    private static final Set<String> ACTIONS = Set.of("command", "debug", "include_tasks", "include_role");

    @TempDir
    Path dir;

    @BeforeEach
    void role() throws IOException {
        Path role = dir.resolve("roles/web");
        for (String folder : List.of("tasks", "handlers", "defaults", "vars")) {
            Files.createDirectories(role.resolve(folder));
        }
        Files.writeString(role.resolve("tasks/main.yml"), "- name: main\n  command: echo main\n  notify: restart\n");
        Files.writeString(role.resolve("tasks/extra.yaml"), "- name: extra\n  command: echo extra\n");
        Files.writeString(role.resolve("handlers/main.yml"), "- name: restart\n  command: echo restart\n");
        Files.writeString(role.resolve("defaults/main.yml"), "port: 80\n");
        Files.writeString(role.resolve("defaults/other.yml"), "port: 8080\n");
        Files.writeString(role.resolve("vars/main.yml"), "user: www\n");
        Files.writeString(dir.resolve("part.yml"), "- name: part task\n  command: echo {{ item }}\n");
    }

    private Play load(String tasks) throws IOException {
        Path file = dir.resolve("site.yml");
        Files.writeString(file, "- hosts: all\n  tasks:\n" + tasks);
        return new PlaybookLoader(ACTIONS, Map.of()).load(file).plays().get(0);
    }

    private UserError error(String tasks) {
        return (UserError) catchThrowable(() -> load(tasks));
    }

    @Test
    void includeTasksStaysOneItemWithItsOwnKeywords() throws IOException {
        Play play = load("""
                    - name: parts
                      include_tasks: "{{ which }}.yml"
                      loop: [a, b]
                      when: flag
                      tags: t
                      vars: {x: 1}
                """);
        assertThat(play.tasks()).hasSize(1);
        Include include = (Include) play.tasks().get(0);
        assertThat(include.isRole()).isFalse();
        assertThat(include.task().args()).containsEntry("_raw_params", "{{ which }}.yml");
        assertThat(include.task().when()).containsExactly("flag");
        assertThat(include.task().loop()).isEqualTo(List.of("a", "b"));
        assertThat(include.task().tags()).containsExactly("t");
    }

    @Test
    void theIncludedFileGetsTheIncludesVarsAndApplyButNotItsWhen() throws IOException {
        Play play = load("""
                    - block:
                        - include_tasks:
                            file: part.yml
                            apply:
                              tags: [applied]
                              become: true
                          when: flag
                      when: outer
                """);
        Include include = (Include) ((Block) play.tasks().get(0)).tasks().get(0);
        List<TaskItem> loaded = include.source().tasks("part.yml", Map.of("item", 7), include.task().args().get("apply"));
        Task task = (Task) loaded.get(0);
        assertThat(task.name()).isEqualTo("part task");
        assertThat(task.when()).containsExactly("outer");
        assertThat(task.tags()).containsExactly("applied");
        assertThat(task.become()).isEqualTo(true);
        assertThat(task.blockVars()).containsEntry("item", 7);
    }

    @Test
    void aMissingIncludedFileIsNamedWhenItRuns() throws IOException {
        Include include = (Include) load("    - include_tasks: nope.yml\n").tasks().get(0);
        Throwable thrown = catchThrowable(() -> include.source().tasks("nope.yml", Map.of(), null));
        assertThat(thrown).isInstanceOf(UserError.class).hasMessageContaining("Could not find or access '" + dir.resolve("nope.yml") + "'");
    }

    @Test
    void includeRoleLoadsTheFilesItNames() throws IOException {
        Include include = (Include) load("    - include_role:\n        name: web\n        tasks_from: extra\n        defaults_from: other\n")
                .tasks().get(0);
        assertThat(include.isRole()).isTrue();
        PlayRole role = include.source().role(RoleRequest.of(include.task().args()), Map.of(), null);
        assertThat(role.tasks()).extracting(t -> ((Task) t).displayName()).containsExactly("web : extra");
        assertThat(role.role().defaults()).containsEntry("port", 8080);
        assertThat(role.role().vars()).containsEntry("user", "www");
        assertThat(role.handlers()).extracting(t -> ((Task) t).displayName()).containsExactly("web : restart");
    }

    @Test
    void importRoleInlinesTheRoleWithItsKeywordsAndBringsItsHandlers() throws IOException {
        Play play = load("    - import_role:\n        name: web\n      when: flag\n      tags: [r]\n");
        assertThat(play.tasks()).hasSize(1);
        Task task = (Task) play.tasks().get(0);
        assertThat(task.displayName()).isEqualTo("web : main");
        assertThat(task.when()).containsExactly("flag");
        assertThat(task.tags()).containsExactly("r");
        assertThat(task.role().defaults()).containsEntry("port", 80);
        assertThat(play.allHandlers()).extracting(t -> ((Task) t).displayName()).containsExactly("web : restart");
    }

    @Test
    void keywordsThatIncludesDoNotTakeAreRejectedAsAnsibleDoes() {
        assertThat(error("    - include_tasks: part.yml\n      become: true\n").getMessage())
                .isEqualTo("'become' is not a valid attribute for a TaskInclude");
        assertThat(error("    - include_role: name=web\n      environment: {A: 1}\n").getMessage())
                .isEqualTo("'environment' is not a valid attribute for a IncludeRole");
        assertThat(error("    - include_role:\n        name: web\n        bogus: 1\n").getMessage())
                .isEqualTo("Invalid options for include_role: bogus");
        assertThat(error("    - include_role:\n        tasks_from: x\n").getMessage())
                .isEqualTo("'name' is a required field for include_role.");
        assertThat(error("    - import_tasks: part.yml\n      loop: [1]\n").getMessage())
                .startsWith("You cannot use loops on 'import_tasks' statements.");
        assertThat(error("    - import_role:\n        name: web\n        tasks_from: nope\n").getMessage())
                .isEqualTo("Could not find specified file in role: tasks/nope");
    }

    @Test
    void anIncludeIsAHandlerWithItsNameAndListenTopics() throws IOException {
        Path file = dir.resolve("site.yml");
        Files.writeString(file, "- hosts: all\n  handlers:\n    - name: restart\n      include_tasks: part.yml\n"
                + "      listen: stack changed\n");
        Play play = new PlaybookLoader(ACTIONS, Map.of()).load(file).plays().get(0);
        Include handler = (Include) play.allHandlers().get(0);
        assertThat(handler.task().name()).isEqualTo("restart");
        assertThat(handler.task().listen()).containsExactly("stack changed");
    }

    @Test
    void anIncludeRoleHandlerIsRefusedAsAnsibleRefusesIt() {
        Throwable thrown = catchThrowable(() -> {
            Path file = dir.resolve("site.yml");
            Files.writeString(file, "- hosts: all\n  handlers:\n    - name: r\n      include_role: {name: web}\n");
            new PlaybookLoader(ACTIONS, Map.of()).load(file);
        });
        assertThat(thrown).isInstanceOf(UserError.class).hasMessageContaining("Using 'include_role' as a handler is not supported.");
        assertThat(((UserError) thrown).location().line()).isEqualTo(3);
    }

    @Test
    void staticImportNamesAreTemplatedWithWhatIsKnownWhenThePlaybookIsRead() throws IOException {
        Path file = dir.resolve("site.yml");
        Files.writeString(file, """
                - hosts: all
                  vars: {part_file: part}
                  tasks:
                    - import_tasks: "{{ part_file }}.yml"
                    - import_role: {name: "{{ role_from_cli }}"}
                """);
        Play play = new PlaybookLoader(ACTIONS, Map.of(), Map.of("role_from_cli", "web")).load(file).plays().get(0);
        assertThat(play.tasks()).extracting(t -> ((Task) t).displayName()).containsExactly("part task", "web : main");

        UserError unknown = error("    - import_tasks: \"{{ ansible_os_family }}.yml\"\n");
        assertThat(unknown.getMessage()).startsWith("Error when evaluating variable in import path: {{ ansible_os_family }}.yml");
        assertThat(unknown.hint()).contains("use include_tasks");
        assertThat(unknown.location().line()).isEqualTo(3);
    }
}
