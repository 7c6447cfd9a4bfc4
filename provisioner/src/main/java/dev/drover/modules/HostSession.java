package dev.drover.modules;

import dev.drover.transport.Target;
import java.io.IOException;

/**
 * The run's hold on the host a task runs on, for the rare module that ends its own
 * connection (reboot): it can drop the connection and open a new one, which later tasks
 * then use too; and for async_status, the jobs the run left running there.
 */
public interface HostSession {

    /** A session that cannot reconnect: for contexts without an executor (tests, the agent). */
    HostSession NONE = new HostSession() {
        @Override
        public Target reconnect() throws IOException {
            throw new IOException("this run cannot reconnect to the host");
        }

        @Override
        public boolean local() {
            return false;
        }
    };

    /** The run's async jobs on this host, for async_status. */
    default AsyncJobTable asyncJobs() {
        return AsyncJobTable.NONE;
    }

    /** Closes the host's connection and opens a new one with the same settings; the task's become and environment stay. */
    Target reconnect() throws IOException;

    /** Whether the "host" is the controller itself (ansible_connection: local). */
    boolean local();
}
