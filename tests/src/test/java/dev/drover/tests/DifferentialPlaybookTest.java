package dev.drover.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provisioner's proof: every playbook in differential/ is run by ansible-playbook on
 * some lab hosts and by drover on as many others, all freshly reset. Per task and host, the
 * statuses must match; the files under the playbook's "# compare:" paths and the output of
 * its "# probe:" commands must be identical. A second run must change nothing in either
 * tool, and a check-mode run on fresh hosts must leave them as they were.
 *
 * <p>Playbooks run at the same time (tests/pom.xml sets how many), each on hosts lent from
 * the lab's pool (see {@link Lab#pool()}) for as long as it runs: a playbook with
 * "# hosts: 2" gives ansible the first two hosts it was lent and drover the next two.
 * -Ddrover.candidate=ansible puts ansible in drover's place, to test the harness itself;
 * -Ddrover.playbooks=REGEX runs only the playbooks whose file name matches.
 *
 * <p>Every run gets {@code -e http_base=http://10.77.0.1:PORT}, the address of a {@link
 * TestHttpServer} this test starts, for the playbooks of get_url, uri and friends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialPlaybookTest {

    private Lab lab;
    private HostPool hosts;
    private PlaybookRunner oracle;
    private PlaybookRunner candidate;
    private TestHttpServer web;

    @BeforeAll
    void lab() throws IOException {
        lab = Lab.require();
        hosts = new HostPool(lab.pool());
        writeHostVars(lab.pool());
        oracle = PlaybookRunner.ansible(lab);
        candidate = PlaybookRunner.candidate(lab);
        web = TestHttpServer.start(LAB_BRIDGE, differentialDirectory().resolve("files"));
    }

    @AfterAll
    void stopWebServer() {
        if (web != null) {
            web.close();
        }
    }

    /** The lab bridge's address on this machine: lab hosts reach the test web server there. */
    private static final String LAB_BRIDGE = "10.77.0.1";

    static Stream<String> playbooks() throws IOException {
        Pattern selected = Pattern.compile(System.getProperty("drover.playbooks", ".*"));
        try (Stream<Path> files = Files.list(differentialDirectory())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yml"))
                    .filter(name -> selected.matcher(name).find())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /*
     * CONCURRENT on the method, not the class: the playbooks run at the same time as each
     * other, while the class as a whole still runs after the other lab test classes, never
     * beside them (they reset lab hosts of their own choosing).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("playbooks")
    @Execution(ExecutionMode.CONCURRENT)
    void sameOutcomeAsAnsible(String name) throws InterruptedException {
        Path playbook = differentialDirectory().resolve(name);
        PlaybookHeader header = PlaybookHeader.read(playbook);
        try (HostPool.Lease lease = hosts.take(2 * header.hosts())) {
            compare(name, playbook, header, lease.hosts());
        }
    }

    private void compare(String name, Path playbook, PlaybookHeader header, List<String> allHosts) {
        List<String> oracleHosts = allHosts.subList(0, header.hosts());
        List<String> candidateHosts = allHosts.subList(header.hosts(), 2 * header.hosts());

        lab.reset(allHosts.toArray(String[]::new));
        Pair first = runBoth(playbook, header, oracleHosts, candidateHosts, false);
        assertThat(first.oracle().exitCode())
                .as("ansible itself must pass %s (exit %d) before it can judge drover\n%s", name, header.exitCode(),
                        first.oracle().output().describe())
                .isEqualTo(header.exitCode());
        assertThat(ReportComparison.mismatches(first.oracle(), first.candidate(), header.perHostOrder()))
                .as("first run of %s: task statuses, %s\n%s", name, hint(first), first.candidate().output().describeBriefly())
                .isEmpty();
        for (int h = 0; h < header.hosts(); h++) {
            String oracleHost = oracleHosts.get(h);
            String candidateHost = candidateHosts.get(h);
            HostSnapshot oracleFiles = HostSnapshot.take(lab, oracleHost, header.comparePaths());
            HostSnapshot candidateFiles = HostSnapshot.take(lab, candidateHost, header.comparePaths());
            assertThat(oracleFiles.differencesTo(candidateFiles, "ansible@" + oracleHost, candidate.tool() + "@" + candidateHost))
                    .as("files under %s after the first run of %s", header.comparePaths(), name)
                    .isEmpty();
            for (String probe : header.probes()) {
                assertThat(probe(candidateHost, probe))
                        .as("output of probe '%s' after the first run of %s: %s@%s vs ansible@%s", probe, name,
                                candidate.tool(), candidateHost, oracleHost)
                        .isEqualTo(probe(oracleHost, probe));
            }
        }

        Pair second = runBoth(playbook, header, oracleHosts, candidateHosts, false);
        assertThat(ReportComparison.unexpectedChanges(second.oracle(), header.alwaysChanged()))
                .as("ansible is not idempotent on %s; fix the playbook", name)
                .isEmpty();
        assertThat(ReportComparison.unexpectedChanges(second.candidate(), header.alwaysChanged()))
                .as("second run of %s must change nothing\n%s", name, second.candidate().output().describeBriefly())
                .isEmpty();
        assertThat(ReportComparison.mismatches(second.oracle(), second.candidate(), header.perHostOrder()))
                .as("second run of %s: task statuses", name)
                .isEmpty();

        lab.reset(allHosts.toArray(String[]::new));
        List<HostSnapshot> fresh = allHosts.stream().map(host -> HostSnapshot.take(lab, host, header.comparePaths())).toList();
        Pair check = runBoth(playbook, header, oracleHosts, candidateHosts, true);
        assertThat(ReportComparison.mismatches(check.oracle(), check.candidate(), header.perHostOrder()))
                .as("check-mode run of %s: task statuses\n%s", name, check.candidate().output().describeBriefly())
                .isEmpty();
        for (int i = 0; i < allHosts.size(); i++) {
            String host = allHosts.get(i);
            String tool = i < header.hosts() ? "ansible" : candidate.tool();
            assertThat(fresh.get(i).differencesTo(HostSnapshot.take(lab, host, header.comparePaths()), "fresh", "after --check"))
                    .as("%s --check changed files of %s on %s", tool, name, host)
                    .isEmpty();
        }
    }

    /** A probe's exit code and stdout, with the host's own name replaced so that hosts compare equal. */
    private String probe(String host, String command) {
        LocalCommand.Output output = lab.ssh(host, command);
        return "exit " + output.exitCode() + "\n" + output.stdout().replace(host, "<host>");
    }

    private record Pair(PlaybookRunner.Run oracle, PlaybookRunner.Run candidate) {
    }

    /** The two tools work on different hosts, so they run at the same time. */
    private Pair runBoth(Path playbook, PlaybookHeader header, List<String> oracleHosts, List<String> candidateHosts,
            boolean check) {
        List<String> options = new ArrayList<>(header.options());
        options.addAll(web.extraVars());
        CompletableFuture<PlaybookRunner.Run> candidateRun = CompletableFuture.supplyAsync(
                () -> candidate.run(playbook, candidateHosts, check, options));
        PlaybookRunner.Run oracleRun = oracle.run(playbook, oracleHosts, check, options);
        return new Pair(oracleRun, join(candidateRun::join));
    }

    private static PlaybookRunner.Run join(Supplier<PlaybookRunner.Run> result) {
        try {
            return result.get();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof AssertionError error) {
                throw error;
            }
            throw e;
        }
    }

    private static String hint(Pair pair) {
        return pair.oracle().label() + " vs " + pair.candidate().label();
    }

    /**
     * Every host of the pool gets the same host_vars (see differential-host-vars.yml, kept
     * beside differential/ and not in it, where it would be taken for a playbook).
     */
    private static void writeHostVars(List<String> pool) throws IOException {
        Path shared = differentialDirectory().resolveSibling("differential-host-vars.yml");
        Path directory = Files.createDirectories(differentialDirectory().resolve("host_vars"));
        String content = Files.readString(shared);
        for (String host : pool) {
            Path file = directory.resolve(host + ".yml");
            if (!Files.exists(file) || !Files.readString(file).equals(content)) {
                Files.writeString(file, content);
            }
        }
    }

    static Path differentialDirectory() {
        return Lab.projectRoot().resolve("tests/src/test/resources/differential");
    }
}
