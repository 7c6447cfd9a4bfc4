package dev.drover.tests;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the differential test learns from ansible about one playbook: its three runs
 * (first, second, --check on fresh hosts) and, after the first run, the files under the
 * playbook's "# compare:" paths and the output of its "# probe:" commands on each of its hosts.
 * Lists are indexed by the playbook's host number (0 for its first host); {@code recorded}
 * is an ISO-8601 instant.
 */
record OracleRecord(String playbook, String recorded, Output first, List<HostSnapshot> files,
        List<Map<String, String>> probes, Output second, Output check) {

    /** One ansible-playbook run as it was printed; the report is parsed again when it is read back. */
    record Output(List<String> hosts, List<String> argv, int exitCode, String stdout, String stderr) {

        static Output of(PlaybookRunner.Run run) {
            LocalCommand.Output output = run.output();
            return new Output(run.hosts(), output.argv(), output.exitCode(), output.stdout(), output.stderr());
        }

        PlaybookRunner.Run run() {
            LocalCommand.Output output = new LocalCommand.Output(argv, exitCode, stdout, stderr, Duration.ZERO);
            return new PlaybookRunner.Run("ansible", hosts, output, PlayReport.parse(stdout));
        }
    }
}
