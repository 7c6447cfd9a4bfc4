package dev.drover.modules;

import java.util.Map;
import java.util.Optional;

/**
 * The jobs a run started with {@code async} and {@code poll: 0}, as {@code async_status}
 * asks after them. Ansible keeps them in files on the host; drover keeps them in the
 * controller's run, so they last as long as the run.
 */
public interface AsyncJobTable {

    /** A run without async jobs (tests, the agent): async_status finds none. */
    AsyncJobTable NONE = new AsyncJobTable() {
        @Override
        public Optional<JobState> state(String jid) {
            return Optional.empty();
        }

        @Override
        public boolean forget(String jid) {
            return false;
        }
    };

    /** Where a job is: still running, or finished with the module's result. */
    record JobState(boolean finished, Map<String, Object> result) {
        public JobState {
            result = result == null ? Map.of() : Map.copyOf(result);
        }
    }

    /** The job of that id on this host, if this run started one. */
    Optional<JobState> state(String jid);

    /** Drops the job (async_status mode=cleanup), stopping it if it still runs; false when there was none. */
    boolean forget(String jid);
}
