package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * expert_host (group_vars/all/experts.yml) inside a play, where hostvars exists: an expert
 * named by several nodes runs on the first of worker_nodes whose tier runs experts. The
 * repository's own group_vars, the jobs tests' inventory (small and mid name general, big
 * names coder).
 */
class ExpertHostPlaybookTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private String play(String... extra) throws IOException {
        Files.createSymbolicLink(dir.resolve("group_vars"), REPOSITORY.resolve("group_vars"));
        Files.copy(Path.of("src/test/resources/jobs/inventory.yml"), dir.resolve("inventory.yml"));
        Path book = dir.resolve("hosts.yml");
        Files.writeString(book, """
                - hosts: worker_nodes
                  gather_facts: false
                  tasks:
                    - debug:
                        msg: "{{ inventory_hostname }} runs={{ expert_on_this_node }} host={{ expert_host }}"
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[6 + extra.length];
            args[0] = "play";
            args[1] = "-i";
            args[2] = dir.resolve("inventory.yml").toString();
            args[3] = "-c";
            args[4] = "local";
            System.arraycopy(extra, 0, args, 5, extra.length);
            args[args.length - 1] = book.toString();
            int code = DroverCommand.run(args, Map.of());
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(savedOut);
        }
    }

    @Test
    void anExpertNamedByTwoNodesRunsOnTheFirstOfWorkerNodes() throws IOException {
        String output = play();

        assertThat(output).startsWith("0\n").contains("small runs=True host=small", "mid runs=True host=small",
                "big runs=True host=big");
    }

    @Test
    void whenTheFirstNodesTierRunsNoExpertTheNextNodeRunsIt() throws IOException {
        String output = play("-e", "{\"expert_node_tiers\": [\"mid\", \"core\"]}");

        assertThat(output).startsWith("0\n").contains("small runs=False host=mid", "mid runs=True host=mid");
    }
}
