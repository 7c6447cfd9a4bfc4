package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OracleCacheTest {

    @TempDir
    Path root;
    private Path playbooks;
    private OracleCache cache;

    @BeforeEach
    void playbooks() throws IOException {
        playbooks = Files.createDirectories(root.resolve("differential"));
        Files.writeString(root.resolve("differential-host-vars.yml"), "x: 1\n");
        Files.writeString(playbooks.resolve("01_a.yml"), "- hosts: all\n");
        Files.writeString(playbooks.resolve("02_b.yml"), "- import_playbook: 01_a.yml\n");
        Files.createDirectories(playbooks.resolve("templates"));
        Files.writeString(playbooks.resolve("templates/t.j2"), "{{ x }}\n");
        Files.createDirectories(playbooks.resolve("host_vars"));
        cache = new OracleCache(Files.createDirectories(root.resolve("oracle")), "ansible 2.14", playbooks);
    }

    @Test
    void anotherPlaybookOrTheGeneratedHostVarsDoNotChangeTheKey() throws IOException {
        String before = cache.key(playbooks.resolve("01_a.yml"));
        Files.writeString(playbooks.resolve("03_c.yml"), "- hosts: lab\n");
        Files.writeString(playbooks.resolve("host_vars/lab9.yml"), "x: 1\n");
        assertThat(cache.key(playbooks.resolve("01_a.yml"))).isEqualTo(before);
    }

    @Test
    void thePlaybookItsFilesAndTheSharedHostVarsDoChangeIt() throws IOException {
        Path playbook = playbooks.resolve("01_a.yml");
        String original = cache.key(playbook);
        Files.writeString(playbooks.resolve("templates/t.j2"), "{{ x }}!\n");
        String afterTemplate = cache.key(playbook);
        Files.writeString(root.resolve("differential-host-vars.yml"), "x: 2\n");
        String afterHostVars = cache.key(playbook);
        Files.writeString(playbook, "- hosts: all\n  gather_facts: false\n");
        assertThat(List.of(original, afterTemplate, afterHostVars, cache.key(playbook))).doesNotHaveDuplicates();
    }

    @Test
    void aPlaybookNamedByAnotherIsOneOfItsInputs() throws IOException {
        String before = cache.key(playbooks.resolve("02_b.yml"));
        Files.writeString(playbooks.resolve("01_a.yml"), "- hosts: lab\n");
        assertThat(cache.key(playbooks.resolve("02_b.yml"))).isNotEqualTo(before);
    }

    @Test
    void anotherAnsibleVersionIsAnotherKey() {
        OracleCache other = new OracleCache(root.resolve("oracle"), "ansible 2.15", playbooks);
        assertThat(other.key(playbooks.resolve("01_a.yml"))).isNotEqualTo(cache.key(playbooks.resolve("01_a.yml")));
    }

    @Test
    void aStoredAnswerIsReadBackWhileTheInputsStayTheSame() throws IOException {
        Path playbook = playbooks.resolve("01_a.yml");
        String report = "{\"plays\": [], \"stats\": {\"lab3\": {\"ok\": 1, \"changed\": 0, \"failures\": 0, \"skipped\": 0,"
                + " \"unreachable\": 0, \"rescued\": 0, \"ignored\": 0}}}";
        OracleRecord.Output run = new OracleRecord.Output(List.of("lab3"), List.of("ansible-playbook"), 0, report, "");
        HostSnapshot files = new HostSnapshot(Map.of("/srv/x", new HostSnapshot.Entry("f", "644", "root", "root", "1", "", "ab")));
        cache.store(playbook, new OracleRecord("01_a.yml", "2026-11-21T22:00:00Z", run, List.of(files),
                List.of(Map.of("cat /srv/x", "exit 0\nhello\n")), run, run));

        OracleRecord read = cache.recorded(playbook).orElseThrow();
        assertThat(read.files()).containsExactly(files);
        assertThat(read.probes().get(0)).containsEntry("cat /srv/x", "exit 0\nhello\n");
        assertThat(read.first().run().report().stats().get("lab3").ok()).isEqualTo(1);

        Files.writeString(playbooks.resolve("templates/t.j2"), "changed\n");
        assertThat(cache.recorded(playbook)).isEmpty();
    }

    @Test
    void theOldestRecordsAreTheOnesReprovedLive() throws IOException {
        OracleRecord.Output run = new OracleRecord.Output(List.of("lab3"), List.of(), 0, "{}", "");
        Path a = playbooks.resolve("01_a.yml");
        Path b = playbooks.resolve("02_b.yml");
        cache.store(a, new OracleRecord("01_a.yml", "2026-11-20T10:00:00Z", run, List.of(), List.of(), run, run));
        cache.store(b, new OracleRecord("02_b.yml", "2026-11-19T10:00:00Z", run, List.of(), List.of(), run, run));
        assertThat(cache.oldest(List.of(a, b), 1)).containsExactly("02_b.yml");
    }
}
