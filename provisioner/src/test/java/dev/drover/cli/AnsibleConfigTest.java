package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's ansible.cfg, read as ansible-playbook reads it. */
class AnsibleConfigTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Files.createDirectories(dir.resolve("project/inventory"));
        return Files.writeString(dir.resolve("project/ansible.cfg"), text);
    }

    @Test
    void itsSettingsAreTheAnsibleVariablesTheyStandForWithPathsBesideTheFile() throws IOException {
        Path file = write("""
                # a comment
                [defaults]
                inventory = inventory/
                roles_path = roles:/opt/shared/roles
                remote_user: deploy ; who logs in
                host_key_checking = False
                forks = 20

                [privilege_escalation]
                become = true
                become_user = root

                [ssh_connection]
                pipelining = True
                """);
        AnsibleConfig config = AnsibleConfig.read(file);
        Map<String, String> environment = config.under(Map.of("ANSIBLE_FORKS", "3"));
        Path project = dir.resolve("project");
        assertThat(environment)
                .containsEntry("ANSIBLE_INVENTORY", project.resolve("inventory").toString())
                .containsEntry("ANSIBLE_ROLES_PATH", project.resolve("roles") + ":/opt/shared/roles")
                .containsEntry("ANSIBLE_REMOTE_USER", "deploy")
                .containsEntry("ANSIBLE_HOST_KEY_CHECKING", "False")
                .containsEntry("ANSIBLE_BECOME", "true")
                .containsEntry("ANSIBLE_BECOME_USER", "root")
                .as("a variable set in the environment wins over the file").containsEntry("ANSIBLE_FORKS", "3");
        assertThat(config.notApplied()).containsExactly("[ssh_connection] pipelining");
    }

    @Test
    void itIsFoundWhereAnsiblePlaybookLooks() throws IOException {
        Path file = write("[defaults]\nforks = 7\n");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertThat(AnsibleConfig.find(Map.of("ANSIBLE_CONFIG", file.toString()), elsewhere)).map(AnsibleConfig::file).contains(file);
        assertThat(AnsibleConfig.find(Map.of(), dir.resolve("project"))).map(AnsibleConfig::file).contains(file);
        Files.writeString(dir.resolve("elsewhere/.ansible.cfg"), "[defaults]\n");
        assertThat(AnsibleConfig.find(Map.of("HOME", elsewhere.toString()), dir)).map(AnsibleConfig::file)
                .contains(elsewhere.resolve(".ansible.cfg"));
    }

    @Test
    void settingsThatChangeWhatAPlaybookDoesAreNamedAndABrokenLineHasItsNumber() throws IOException {
        AnsibleConfig config = AnsibleConfig.read(write("[defaults]\nhash_behaviour = merge\n"));
        assertThat(config.ignoredChanges()).containsExactly("hash_behaviour = merge");
        Throwable broken = catchThrowable(() -> AnsibleConfig.read(write("[defaults]\nforks 20\n")));
        assertThat(broken).isInstanceOf(UserError.class).hasMessageContaining("line 2");
    }
}
