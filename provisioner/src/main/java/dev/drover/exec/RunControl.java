package dev.drover.exec;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a run starts and what it remembers: {@code --start-at-task}, and the
 * {@link RunRecord} that every real run writes and {@code --resume} reads.
 */
public final class RunControl {

    /** --resume, but the recorded run finished successfully: there is nothing left to do. */
    public static final class NothingToResume extends RuntimeException {
        NothingToResume(String message) {
            super(message);
        }
    }

    private final StartAtTask startAt;
    private final RunRecord record;
    private final ResumeGate gate;

    private RunControl(String startAtTask, RunRecord record, boolean resuming) {
        this.startAt = new StartAtTask(startAtTask);
        this.record = record;
        this.gate = new ResumeGate(record, resuming);
    }

    /** No start task, nothing recorded (tests, and runs that must leave no trace). */
    public static RunControl none() {
        return new RunControl(null, null, false);
    }

    /**
     * @param startAtTask null, or the name (or shell pattern) of the task to start at
     * @param resume      carry on with the recorded run of these arguments
     * @param record      write a run record (not in check mode: nothing it does is done)
     * @param runsRoot    where run records live, normally ~/.drover/runs
     */
    public static RunControl of(String startAtTask, boolean resume, boolean record, Path runsRoot, Path playbook,
                                List<String> inventories, String limit) {
        Path directory = RunRecord.directoryFor(runsRoot, playbook, inventories, limit);
        RunRecord runRecord = null;
        if (resume) {
            runRecord = RunRecord.resume(directory, playbook, record);
        } else if (record) {
            runRecord = RunRecord.fresh(directory, playbook, inventories, limit);
        }
        return new RunControl(startAtTask, runRecord, resume);
    }

    StartAtTask startAt() {
        return startAt;
    }

    ResumeGate gate() {
        return gate;
    }

    /** Marks the recorded run finished with this exit code (0 leaves nothing to resume). */
    public void finish(int exitCode) {
        if (record != null) {
            record.finish(exitCode);
        }
    }

    /** ansible-playbook's complaint when --start-at-task named no task, or null. */
    public String startAtProblem() {
        return startAt.neverMatched() ? "No matching task \"" + startAt.wanted() + "\" found. Note: --start-at-task can only"
                + " follow static includes." : null;
    }
}
