package dev.drover.checks;

import dev.drover.transport.CommandResult;
import dev.drover.transport.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a check file on one host in one remote command and judges the results in Java. */
public final class CheckRunner {

    private final Duration defaultTimeout;

    public CheckRunner(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * Runs every check that is not skipped. An {@link IOException} of the connection (the host
     * went away) is thrown as {@link UncheckedIOException}; a connection that cannot be opened
     * is the caller's business.
     */
    public HostReport run(CheckFile file, Connection connection) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        List<Check> toRun = file.checks().stream().filter(c -> !c.skipped()).toList();
        List<Duration> timeouts = toRun.stream().map(c -> c.timeout() != null ? c.timeout() : defaultTimeout).toList();
        Map<Integer, CheckScript.Record> records = Map.of();
        String failure = null;
        if (!toRun.isEmpty()) {
            try {
                CommandResult result = connection.run(CheckScript.build(toRun, timeouts));
                records = CheckScript.parse(result.out());
                if (records.isEmpty()) {
                    failure = "the check script failed (exit " + result.exitCode() + "): " + result.err().strip();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("running checks on " + connection.hostName() + ": " + e.getMessage(), e);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        int index = 0;
        for (Check check : file.checks()) {
            if (check.skipped()) {
                results.addAll(Verdicts.skipped(check));
                continue;
            }
            CheckScript.Record record = records.get(index);
            Duration timeout = timeouts.get(index);
            index++;
            results.addAll(Verdicts.judge(check, record, timeout, failure));
        }
        return new HostReport(connection.hostName(), started, Duration.ofNanos(System.nanoTime() - startNanos), results);
    }
}
