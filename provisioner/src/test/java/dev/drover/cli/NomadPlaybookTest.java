package dev.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.nomad.NomadTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nomad_job inside drover play: check mode plans with --diff, a run registers, a second changes nothing. */
class NomadPlaybookTest {

    private static NomadTarget nomad;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        nomad = NomadTarget.start();
    }

    @AfterAll
    static void stop() {
        nomad.close();
    }

    private String play(Path book, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = new String[7 + more.length];
            args[0] = "play";
            args[1] = "-i";
            args[2] = "localhost,";
            args[3] = "-c";
            args[4] = "local";
            args[5] = "-e";
            args[6] = "nomad_addr=" + nomad.environment().get("NOMAD_ADDR");
            System.arraycopy(more, 0, args, 7, more.length);
            String[] withBook = Arrays.copyOf(args, args.length + 1);
            withBook[args.length] = book.toString();
            int code = DroverCommand.run(withBook, nomad.environment());
            return code + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void checkDiffRunAndIdempotence() throws IOException {
        String id = "play-" + UUID.randomUUID().toString().substring(0, 6);
        Path book = dir.resolve("nomad.yml");
        Files.writeString(book, """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - name: the job
                      nomad_job:
                        address: "{{ nomad_addr }}"
                        content:
                          ID: %s
                          Name: %s
                          Type: service
                          Datacenters: [dc1]
                          TaskGroups:
                            - Name: app
                              Count: 1
                              Tasks:
                                - Name: main
                                  Driver: raw_exec
                                  Config: {command: sleep, args: ["300"]}
                                  Resources: {CPU: 100, MemoryMB: 64}
                      register: job
                    - assert:
                        that: job.job_id == '%s'
                """.formatted(id, id, id));
        String check = play(book, "--check", "--diff");
        assertThat(check).startsWith("0\n").contains("+ Job: \"" + id + "\"").containsPattern("changed: \\[localhost\\]")
                .containsPattern("localhost +: ok=2 +changed=1");
        String run = play(book);
        assertThat(run).startsWith("0\n").containsPattern("localhost +: ok=2 +changed=1");
        String again = play(book);
        assertThat(again).startsWith("0\n").containsPattern("localhost +: ok=2 +changed=0");
        nomad.client().stop(id, true);
    }
}
