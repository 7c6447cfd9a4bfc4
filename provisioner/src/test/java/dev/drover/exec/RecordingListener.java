package dev.drover.exec;

import dev.drover.report.HostOutcome;
import dev.drover.report.HostStats;
import dev.drover.report.RunListener;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a run reported, for tests to read. */
final class RecordingListener implements RunListener {
    final List<String> tasks = new ArrayList<>();
    final List<HostOutcome> results = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    List<HostStats> recap = List.of();

    @Override
    public void playStarted(String name) {
    }

    @Override
    public synchronized void taskStarted(String banner, String name, String location) {
        tasks.add(banner + " " + name);
    }

    @Override
    public synchronized void hostResult(HostOutcome outcome) {
        results.add(outcome);
    }

    @Override
    public void loopFinished(HostOutcome outcome) {
    }

    @Override
    public void noHostsMatched(String pattern) {
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void recap(List<HostStats> stats) {
        recap = stats;
    }

    HostOutcome result(String taskNamePart) {
        // With one host and no loops, the n-th result belongs to the n-th task.
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).contains(taskNamePart)) {
                return results.get(results.size() - tasks.size() + i);
            }
        }
        throw new AssertionError("no task named " + taskNamePart + " in " + tasks);
    }
}
