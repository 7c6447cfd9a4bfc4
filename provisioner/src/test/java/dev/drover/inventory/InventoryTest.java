package dev.drover.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drover.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {

    @TempDir
    Path dir;

    private Inventory load(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return InventoryLoader.load(List.of(file.toString())).inventory();
    }

    @Test
    void readsYamlGroupsChildrenAndVars() throws IOException {
        Inventory inv = load("hosts.yml", """
                all:
                  vars: {region: lab}
                  hosts:
                    lonely:
                  children:
                    web:
                      hosts:
                        web[1:3]: {http_port: 8080}
                    db:
                      hosts:
                        db1: {ansible_host: 10.0.0.5}
                      vars: {engine: pg}
                    prod:
                      children:
                        web:
                        db:
                """);
        assertThat(inv.hosts()).extracting(Host::name).containsExactly("lonely", "web1", "web2", "web3", "db1");
        assertThat(inv.hostsIn("prod")).containsExactly("web1", "web2", "web3", "db1");
        assertThat(inv.hostsIn("ungrouped")).containsExactly("lonely");
        assertThat(inv.host("db1").address()).isEqualTo("10.0.0.5");
        assertThat(inv.host("web2").vars()).containsEntry("http_port", 8080);
        // Parents before children: variables of a child group override its parent's.
        assertThat(inv.groupsOf("db1")).containsExactly("all", "prod", "db");
    }

    @Test
    void readsIniWithSectionsAndPythonLiterals() throws IOException {
        Inventory inv = load("hosts", """
                # comment
                bastion ansible_port=2222

                [web]
                web[01:02].lan ansible_user=admin enabled=True ratio=0.5 label="two words"

                [web:vars]
                http_port=80

                [cluster:children]
                web
                """);
        assertThat(inv.hostsIn("web")).containsExactly("web01.lan", "web02.lan");
        assertThat(inv.host("web01.lan").vars()).containsEntry("enabled", true).containsEntry("ratio", 0.5)
                .containsEntry("label", "two words");
        assertThat(inv.host("bastion").vars()).containsEntry("ansible_port", 2222);
        assertThat(inv.group("web").vars()).containsEntry("http_port", 80);
        assertThat(inv.hostsIn("cluster")).containsExactly("web01.lan", "web02.lan");
        assertThat(inv.hostsIn("ungrouped")).containsExactly("bastion");
    }

    @Test
    void aBadGroupKeyNamesTheLineAndWhatIsAllowed() {
        assertThatThrownBy(() -> load("bad.yml", "all:\n  hostz:\n    a:\n"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("invalid key 'hostz'")
                .satisfies(e -> assertThat(((UserError) e).describe()).contains("bad.yml:2:3").contains("'hosts', 'vars'"));
    }

    @Test
    void readsGroupVarsAndHostVarsFilesAndFolders() throws IOException {
        Inventory inv = load("hosts.yml", "all:\n  children:\n    web:\n      hosts:\n        w1:\n");
        Files.createDirectories(dir.resolve("group_vars/web"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "a: 1\n");
        Files.writeString(dir.resolve("group_vars/web/10-main.yml"), "b: 2\n");
        Files.writeString(dir.resolve("group_vars/web/20-more.yaml"), "b: 3\nc: 4\n");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/w1"), "h: yes\n");
        VarsDirectory vars = VarsDirectory.load(dir, inv);
        assertThat(vars.group("all")).containsEntry("a", 1);
        assertThat(vars.group("web")).containsEntry("b", 3).containsEntry("c", 4);
        assertThat(vars.host("w1")).containsEntry("h", true);
    }

    @Test
    void aFolderOfGroupVarsHidesTheFileOfTheSameNameAsInAnsible() throws IOException {
        // Ansible (DataLoader.find_vars_files) reads the first of NAME, NAME.yml, NAME.yaml,
        // NAME.json that exists: with group_vars/all/ present, group_vars/all.yml is not read.
        Inventory inv = load("hosts.yml", "all:\n  children:\n    web:\n      hosts:\n        w1:\n");
        Files.createDirectories(dir.resolve("group_vars/all"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "a: 1\nshadowed: true\n");
        Files.writeString(dir.resolve("group_vars/all/main.yml"), "a: 2\n");
        Files.writeString(dir.resolve("group_vars/web.yml"), "b: 1\n");
        Files.writeString(dir.resolve("group_vars/web.json"), "{\"b\": 2, \"c\": 3}\n");
        VarsDirectory vars = VarsDirectory.load(dir, inv);
        assertThat(vars.group("all")).containsExactlyEntriesOf(java.util.Map.of("a", 2));
        assertThat(vars.group("web")).containsExactlyEntriesOf(java.util.Map.of("b", 1));
    }

    @Test
    void hostPatternsSelectLikeAnsible() throws IOException {
        Inventory inv = load("hosts.yml", """
                all:
                  children:
                    web: {hosts: {web1: , web2: , web3: }}
                    db: {hosts: {db1: , db2: }}
                    staging: {hosts: {web3: , db2: }}
                """);
        assertThat(new HostPattern("all").select(inv)).containsExactly("web1", "web2", "web3", "db1", "db2");
        assertThat(new HostPattern("web:db").select(inv)).containsExactly("web1", "web2", "web3", "db1", "db2");
        assertThat(new HostPattern("web,db1").select(inv)).containsExactly("web1", "web2", "web3", "db1");
        assertThat(new HostPattern("web:&staging").select(inv)).containsExactly("web3");
        assertThat(new HostPattern("all:!staging").select(inv)).containsExactly("web1", "web2", "db1");
        assertThat(new HostPattern("!staging:web").select(inv)).containsExactly("web1", "web2");
        assertThat(new HostPattern("web*").select(inv)).containsExactly("web1", "web2", "web3");
        assertThat(new HostPattern("~db[12]").select(inv)).containsExactly("db1", "db2");
        assertThat(new HostPattern("web[0]").select(inv)).containsExactly("web1");
        assertThat(new HostPattern("web[-1]").select(inv)).containsExactly("web3");
        assertThat(new HostPattern("web[0:1]").select(inv)).containsExactly("web1", "web2");
        List<String> unmatched = new ArrayList<>();
        assertThat(new HostPattern("nosuch:db1").select(inv, unmatched)).containsExactly("db1");
        assertThat(unmatched).containsExactly("nosuch");
    }

    @Test
    void aCommaListIsAnInventory() {
        Inventory inv = InventoryLoader.load(List.of("a.lan,b.lan,")).inventory();
        assertThat(inv.hostsIn("all")).containsExactly("a.lan", "b.lan");
    }
}
