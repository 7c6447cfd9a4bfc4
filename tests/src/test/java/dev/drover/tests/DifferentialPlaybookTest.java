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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>Ansible's answers are recorded per playbook (see {@link OracleCache}): a playbook whose
 * inputs are unchanged is judged by what ansible answered before, on no hosts of its own,
 * except for the few oldest records, which are re-proved live on every run.
 * -Ddrover.oracleCache=off runs ansible live for every playbook.
 *
 * <p>Every run gets {@code -e http_base=http://10.77.0.1:PORT}, the address of a {@link
 * TestHttpServer} this test starts, for the playbooks of get_url, uri and friends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialPlaybookTest {

    private Lab lab;
    private HostPool hosts;
    /** How many playbooks run at once: each runs ansible or drover against its hosts, and this machine has few cores. */
    private Semaphore atOnce;
    private PlaybookRunner oracle;
    private PlaybookRunner candidate;
    private TestHttpServer web;
    private Optional<OracleCache> answers;
    /** Playbooks whose recorded answers are re-proved live this run (the oldest records). */
    private Set<String> refreshed;
    private final AtomicInteger liveRuns = new AtomicInteger();
    private final AtomicInteger recordedRuns = new AtomicInteger();

    @BeforeAll
    void lab() throws IOException {
        lab = Lab.require();
        hosts = LabHostLending.pool(lab);
        atOnce = new Semaphore(Integer.getInteger("drover.parallel", 4));
        writeHostVars(lab.pool());
        oracle = PlaybookRunner.ansible(lab);
        candidate = PlaybookRunner.candidate(lab);
        web = TestHttpServer.start(LAB_BRIDGE, differentialDirectory().resolve("files"));
        // With ansible as the candidate the harness is under test: nothing recorded is used.
        answers = candidate.tool().equals("ansible") ? Optional.empty() : OracleCache.open(lab, differentialDirectory());
        int refresh = Integer.getInteger("drover.oracleRefresh", 8);
        List<Path> selected = playbooks().map(differentialDirectory()::resolve).toList();
        refreshed = answers.map(cache -> cache.oldest(selected, refresh)).orElse(Set.of());
    }

    @AfterAll
    void stopWebServer() {
        if (web != null) {
            web.close();
        }
        System.out.printf("differential: ansible ran live for %d playbooks, %d were judged by its recorded answers%n",
                liveRuns.get(), recordedRuns.get());
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
     * The playbooks run at the same time as each other (at most drover.parallel of them) and
     * beside the other lab test classes; every one borrows its hosts from the pool those
     * classes borrow from too, so no host is ever used by two of them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("playbooks")
    @Execution(ExecutionMode.CONCURRENT)
    void sameOutcomeAsAnsible(String name) throws InterruptedException {
        Path playbook = differentialDirectory().resolve(name);
        PlaybookHeader header = PlaybookHeader.read(playbook);
        Optional<OracleRecord> recorded = refreshed.contains(name) ? Optional.empty()
                : answers.flatMap(cache -> cache.recorded(playbook));
        (recorded.isPresent() ? recordedRuns : liveRuns).incrementAndGet();
        atOnce.acquire();
        // A recorded answer needs no hosts for ansible: drover's hosts are all the test takes.
        try (HostPool.Lease lease = hosts.take(recorded.isPresent() ? header.hosts() : 2 * header.hosts())) {
            Oracle judge = recorded.<Oracle>map(Recorded::new).orElseGet(() -> new Live(lease.hosts().subList(0, header.hosts())));
            List<String> candidateHosts = lease.hosts().subList(lease.hosts().size() - header.hosts(), lease.hosts().size());
            compare(name, playbook, header, judge, candidateHosts);
            if (judge instanceof Live live) {
                answers.ifPresent(cache -> cache.store(playbook, live.record(name)));
            }
        } finally {
            atOnce.release();
        }
    }

    private void compare(String name, Path playbook, PlaybookHeader header, Oracle judge, List<String> candidateHosts) {
        List<String> allHosts = new ArrayList<>(judge.hosts());
        allHosts.addAll(candidateHosts);
        List<String> options = new ArrayList<>(header.options());
        options.addAll(web.extraVars());

        lab.reset(allHosts.toArray(String[]::new));
        Pair first = runBoth(() -> judge.first(playbook, options), playbook, candidateHosts, false, options);
        assertThat(first.oracle().exitCode())
                .as("ansible itself must pass %s (exit %d) before it can judge drover\n%s", name, header.exitCode(),
                        first.oracle().output().describe())
                .isEqualTo(header.exitCode());
        assertThat(ReportComparison.mismatches(first.oracle(), first.candidate(), header.perHostOrder()))
                .as("first run of %s: task statuses, %s\n%s", name, hint(first), first.candidate().output().describeBriefly())
                .isEmpty();
        for (int h = 0; h < header.hosts(); h++) {
            String oracleHost = first.oracle().hosts().get(h);
            String candidateHost = candidateHosts.get(h);
            HostSnapshot oracleFiles = judge.files(h, header.comparePaths());
            HostSnapshot candidateFiles = HostSnapshot.take(lab, candidateHost, header.comparePaths());
            assertThat(oracleFiles.differencesTo(candidateFiles, "ansible@" + oracleHost, candidate.tool() + "@" + candidateHost))
                    .as("files under %s after the first run of %s", header.comparePaths(), name)
                    .isEmpty();
            for (String probe : header.probes()) {
                assertThat(probe(candidateHost, probe))
                        .as("output of probe '%s' after the first run of %s: %s@%s vs ansible@%s", probe, name,
                                candidate.tool(), candidateHost, oracleHost)
                        .isEqualTo(judge.probe(h, probe));
            }
        }

        Pair second = runBoth(() -> judge.second(playbook, options), playbook, candidateHosts, false, options);
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
        Pair check = runBoth(() -> judge.check(playbook, options), playbook, candidateHosts, true, options);
        assertThat(ReportComparison.mismatches(check.oracle(), check.candidate(), header.perHostOrder()))
                .as("check-mode run of %s: task statuses\n%s", name, check.candidate().output().describeBriefly())
                .isEmpty();
        for (int i = 0; i < allHosts.size(); i++) {
            String host = allHosts.get(i);
            String tool = judge.hosts().contains(host) ? "ansible" : candidate.tool();
            assertThat(fresh.get(i).differencesTo(HostSnapshot.take(lab, host, header.comparePaths()), "fresh", "after --check"))
                    .as("%s --check changed files of %s on %s", tool, name, host)
                    .isEmpty();
        }
    }

    /** Ansible's side of a comparison: run now on lab hosts, or read back from a record. */
    private sealed interface Oracle permits Live, Recorded {
        /** The lab hosts ansible runs on now; none for a record. */
        List<String> hosts();

        PlaybookRunner.Run first(Path playbook, List<String> options);

        HostSnapshot files(int host, List<String> paths);

        String probe(int host, String command);

        PlaybookRunner.Run second(Path playbook, List<String> options);

        PlaybookRunner.Run check(Path playbook, List<String> options);
    }

    /** ansible-playbook on its own lab hosts, beside drover; what it answered is kept for the record. */
    private final class Live implements Oracle {
        private final List<String> hosts;
        private PlaybookRunner.Run first;
        private PlaybookRunner.Run second;
        private PlaybookRunner.Run check;
        private final List<HostSnapshot> files = new ArrayList<>();
        private final List<Map<String, String>> probes = new ArrayList<>();

        Live(List<String> hosts) {
            this.hosts = List.copyOf(hosts);
            hosts.forEach(host -> probes.add(new LinkedHashMap<>()));
        }

        @Override
        public List<String> hosts() {
            return hosts;
        }

        @Override
        public PlaybookRunner.Run first(Path playbook, List<String> options) {
            return first = oracle.run(playbook, hosts, false, options);
        }

        @Override
        public HostSnapshot files(int host, List<String> paths) {
            HostSnapshot snapshot = HostSnapshot.take(lab, hosts.get(host), paths);
            files.add(snapshot);
            return snapshot;
        }

        @Override
        public String probe(int host, String command) {
            String output = DifferentialPlaybookTest.this.probe(hosts.get(host), command);
            probes.get(host).put(command, output);
            return output;
        }

        @Override
        public PlaybookRunner.Run second(Path playbook, List<String> options) {
            return second = oracle.run(playbook, hosts, false, options);
        }

        @Override
        public PlaybookRunner.Run check(Path playbook, List<String> options) {
            return check = oracle.run(playbook, hosts, true, options);
        }

        /** Called only once every comparison passed, so a record holds only answers ansible stood by. */
        OracleRecord record(String name) {
            return new OracleRecord(name, Instant.now().toString(), OracleRecord.Output.of(first), List.copyOf(files),
                    probes.stream().map(Map::copyOf).toList(), OracleRecord.Output.of(second), OracleRecord.Output.of(check));
        }
    }

    /** Ansible's answers from an earlier run with exactly the same inputs (see {@link OracleCache}). */
    private record Recorded(OracleRecord record) implements Oracle {
        @Override
        public List<String> hosts() {
            return List.of();
        }

        @Override
        public PlaybookRunner.Run first(Path playbook, List<String> options) {
            return record.first().run();
        }

        @Override
        public HostSnapshot files(int host, List<String> paths) {
            return record.files().get(host);
        }

        @Override
        public String probe(int host, String command) {
            String output = record.probes().get(host).get(command);
            if (output == null) {
                throw new IllegalStateException("the record of " + record.playbook() + " has no probe '" + command + "'");
            }
            return output;
        }

        @Override
        public PlaybookRunner.Run second(Path playbook, List<String> options) {
            return record.second().run();
        }

        @Override
        public PlaybookRunner.Run check(Path playbook, List<String> options) {
            return record.check().run();
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
    private Pair runBoth(Supplier<PlaybookRunner.Run> oracleRun, Path playbook, List<String> candidateHosts, boolean check,
            List<String> options) {
        CompletableFuture<PlaybookRunner.Run> candidateRun = CompletableFuture.supplyAsync(
                () -> candidate.run(playbook, candidateHosts, check, options));
        PlaybookRunner.Run answer = oracleRun.get();
        return new Pair(answer, join(candidateRun::join));
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
