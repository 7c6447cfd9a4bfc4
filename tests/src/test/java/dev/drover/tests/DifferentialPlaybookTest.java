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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provisioner's proof: every playbook in differential/ is run by ansible-playbook on
 * lab1 and by drover on lab2, both freshly reset. Per task, the statuses must match; the
 * files under the playbook's "# compare:" paths must be identical. A second run must change
 * nothing in either tool, and a check-mode run on fresh hosts must leave them as they were.
 *
 * <p>-Ddrover.candidate=ansible puts ansible in drover's place, to test the harness itself;
 * -Ddrover.playbooks=REGEX runs only the playbooks whose file name matches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialPlaybookTest {

    private static final String ORACLE_HOST = "lab1";
    private static final String CANDIDATE_HOST = "lab2";

    private Lab lab;
    private PlaybookRunner oracle;
    private PlaybookRunner candidate;

    @BeforeAll
    void lab() {
        lab = Lab.require();
        oracle = PlaybookRunner.ansible(lab);
        candidate = PlaybookRunner.candidate(lab);
    }

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("playbooks")
    void sameOutcomeAsAnsible(String name) {
        Path playbook = differentialDirectory().resolve(name);
        PlaybookHeader header = PlaybookHeader.read(playbook);

        lab.reset(ORACLE_HOST, CANDIDATE_HOST);
        Pair first = runBoth(playbook, header, false);
        assertThat(first.oracle().exitCode())
                .as("ansible itself must pass %s before it can judge drover\n%s", name, first.oracle().output().describe())
                .isZero();
        assertThat(ReportComparison.mismatches(first.oracle(), first.candidate()))
                .as("first run of %s: task statuses, %s\n%s", name, hint(first), first.candidate().output().describeBriefly())
                .isEmpty();
        HostSnapshot oracleFiles = HostSnapshot.take(lab, ORACLE_HOST, header.comparePaths());
        HostSnapshot candidateFiles = HostSnapshot.take(lab, CANDIDATE_HOST, header.comparePaths());
        assertThat(oracleFiles.differencesTo(candidateFiles, "ansible@" + ORACLE_HOST, candidate.tool() + "@" + CANDIDATE_HOST))
                .as("files under %s after the first run of %s", header.comparePaths(), name)
                .isEmpty();

        Pair second = runBoth(playbook, header, false);
        assertThat(ReportComparison.unexpectedChanges(second.oracle(), header.alwaysChanged()))
                .as("ansible is not idempotent on %s; fix the playbook", name)
                .isEmpty();
        assertThat(ReportComparison.unexpectedChanges(second.candidate(), header.alwaysChanged()))
                .as("second run of %s must change nothing\n%s", name, second.candidate().output().describeBriefly())
                .isEmpty();
        assertThat(ReportComparison.mismatches(second.oracle(), second.candidate()))
                .as("second run of %s: task statuses", name)
                .isEmpty();

        lab.reset(ORACLE_HOST, CANDIDATE_HOST);
        HostSnapshot freshOracle = HostSnapshot.take(lab, ORACLE_HOST, header.comparePaths());
        HostSnapshot freshCandidate = HostSnapshot.take(lab, CANDIDATE_HOST, header.comparePaths());
        Pair check = runBoth(playbook, header, true);
        assertThat(ReportComparison.mismatches(check.oracle(), check.candidate()))
                .as("check-mode run of %s: task statuses\n%s", name, check.candidate().output().describeBriefly())
                .isEmpty();
        assertThat(freshOracle.differencesTo(HostSnapshot.take(lab, ORACLE_HOST, header.comparePaths()), "fresh", "after --check"))
                .as("ansible --check changed files of %s on %s", name, ORACLE_HOST)
                .isEmpty();
        assertThat(freshCandidate.differencesTo(HostSnapshot.take(lab, CANDIDATE_HOST, header.comparePaths()), "fresh", "after --check"))
                .as("%s --check changed files of %s on %s", candidate.tool(), name, CANDIDATE_HOST)
                .isEmpty();
    }

    private record Pair(PlaybookRunner.Run oracle, PlaybookRunner.Run candidate) {
    }

    /** The two tools work on different hosts, so they run at the same time. */
    private Pair runBoth(Path playbook, PlaybookHeader header, boolean check) {
        CompletableFuture<PlaybookRunner.Run> candidateRun = CompletableFuture.supplyAsync(
                () -> candidate.run(playbook, CANDIDATE_HOST, check, header.options()));
        PlaybookRunner.Run oracleRun = oracle.run(playbook, ORACLE_HOST, check, header.options());
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
        return "ansible on " + pair.oracle().host() + " vs " + pair.candidate().tool() + " on " + pair.candidate().host();
    }

    static Path differentialDirectory() {
        return Lab.projectRoot().resolve("tests/src/test/resources/differential");
    }
}
