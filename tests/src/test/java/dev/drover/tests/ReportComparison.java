package dev.drover.tests;

import dev.drover.tests.PlayReport.TaskReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Compares two runs of one playbook task by task, as readable lines naming task, host and both statuses. */
final class ReportComparison {

    private ReportComparison() {
    }

    /**
     * Every way the candidate's run differs from the oracle's: exit code, task list, statuses,
     * recap. The runs' hosts are paired by position: the oracle's first host with the
     * candidate's first host, and so on.
     */
    static List<String> mismatches(PlaybookRunner.Run oracle, PlaybookRunner.Run candidate) {
        return mismatches(oracle, candidate, false);
    }

    /**
     * @param perHost compare each host's own sequence of tasks instead of the report's global
     *                order (the free strategy interleaves hosts differently on every run)
     */
    static List<String> mismatches(PlaybookRunner.Run oracle, PlaybookRunner.Run candidate, boolean perHost) {
        List<String> mismatches = new ArrayList<>();
        if (oracle.exitCode() != candidate.exitCode()) {
            mismatches.add("exit code: " + oracle.label() + " " + oracle.exitCode() + ", " + candidate.label() + " "
                    + candidate.exitCode());
        }
        if (perHost) {
            for (int h = 0; h < oracle.hosts().size(); h++) {
                List<String> want = hostSequence(oracle, oracle.hosts().get(h));
                List<String> got = hostSequence(candidate, candidate.hosts().get(h));
                if (!want.equals(got)) {
                    mismatches.add("tasks of host " + (h + 1) + ": ansible@" + oracle.hosts().get(h) + " " + want + ", "
                            + candidate.tool() + "@" + candidate.hosts().get(h) + " " + got);
                }
            }
            compareRecaps(oracle, candidate, mismatches);
            return mismatches;
        }
        List<TaskReport> expected = oracle.report().tasks();
        List<TaskReport> actual = candidate.report().tasks();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            TaskReport want = i < expected.size() ? expected.get(i) : null;
            TaskReport got = i < actual.size() ? actual.get(i) : null;
            if (want == null || got == null || !want.name().equals(got.name()) || !want.play().equals(got.play())) {
                mismatches.add("task list differs at task " + (i + 1) + ": " + oracle.label() + " has "
                        + (want == null ? "no more tasks" : want.describe()) + ", " + candidate.label() + " has "
                        + (got == null ? "no more tasks" : got.describe()));
                mismatches.add("  " + oracle.label() + " tasks: " + names(expected));
                mismatches.add("  " + candidate.label() + " tasks: " + names(actual));
                break; // statuses after a divergence would only repeat it
            }
            for (int h = 0; h < oracle.hosts().size(); h++) {
                String oracleHost = oracle.hosts().get(h);
                String candidateHost = candidate.hosts().get(h);
                TaskStatus wantStatus = want.status(oracleHost);
                TaskStatus gotStatus = got.status(candidateHost);
                if (wantStatus != gotStatus) {
                    mismatches.add(want.describe() + ": ansible@" + oracleHost + " " + text(wantStatus, want.message(oracleHost))
                            + ", " + candidate.tool() + "@" + candidateHost + " " + text(gotStatus, got.message(candidateHost)));
                }
            }
        }
        compareRecaps(oracle, candidate, mismatches);
        return mismatches;
    }

    /** One host's tasks in the order it ran them: "play N: task name = status". */
    private static List<String> hostSequence(PlaybookRunner.Run run, String host) {
        List<String> sequence = new ArrayList<>();
        for (TaskReport task : run.report().tasks()) {
            TaskStatus status = task.status(host);
            if (status != null) {
                sequence.add("play " + (task.playIndex() + 1) + ": " + task.name() + " = " + status);
            }
        }
        return sequence;
    }

    private static void compareRecaps(PlaybookRunner.Run oracle, PlaybookRunner.Run candidate, List<String> mismatches) {
        for (int h = 0; h < oracle.hosts().size(); h++) {
            PlayReport.HostStats wantStats = oracle.report().stats().get(oracle.hosts().get(h));
            PlayReport.HostStats gotStats = candidate.report().stats().get(candidate.hosts().get(h));
            if (!Objects.equals(wantStats, gotStats)) {
                mismatches.add("recap: ansible@" + oracle.hosts().get(h) + " " + wantStats + ", "
                        + candidate.tool() + "@" + candidate.hosts().get(h) + " " + gotStats);
            }
        }
    }

    /** Tasks that changed something although nothing was left to change, bar those declared always-changed. */
    static List<String> unexpectedChanges(PlaybookRunner.Run run, Set<String> alwaysChanged) {
        return run.hosts().stream()
                .flatMap(host -> run.report().changedTasks(host).stream()
                        .filter(task -> !alwaysChanged.contains(task.name()))
                        .map(task -> run.tool() + "@" + host + ": " + task.describe() + " reported changed on the second run"))
                .toList();
    }

    /** The status, with the task's message where it explains a failure or skip. */
    private static String text(TaskStatus status, String message) {
        if (status == null) {
            return "did not run";
        }
        boolean explains = status == TaskStatus.FAILED || status == TaskStatus.UNREACHABLE || status == TaskStatus.SKIPPED;
        if (!explains || message.isEmpty()) {
            return status.toString();
        }
        String brief = message.length() > 300 ? message.substring(0, 300) + "..." : message;
        return status + " (" + brief.replace('\n', ' ') + ")";
    }

    private static String names(List<TaskReport> tasks) {
        return tasks.stream().map(TaskReport::name).toList().toString();
    }
}
