package dev.drover.exec;

import dev.drover.modules.ModuleResult;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code timeout:} on a task: the module runs on a thread of its own while the host's
 * worker waits at most that long. When time is up the host's connection is closed (which
 * ends the remote command and frees the waiting thread) and the task fails with Ansible's
 * message; the next task opens a new connection.
 */
final class TaskTimeout {

    /** A module run that may throw what Module.run throws. */
    interface ModuleCall {
        ModuleResult run() throws IOException;
    }

    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "drover-timed-task");
        thread.setDaemon(true);
        return thread;
    });

    private TaskTimeout() {
    }

    /** Ansible 2.14's words for a task stopped by its timeout. */
    static String message(String action, int seconds) {
        return "The " + action + " action failed to execute in the expected time frame (" + seconds + ") and was terminated";
    }

    /**
     * Runs {@code call}, or gives up after {@code seconds} (0 or less: no limit), running
     * {@code onTimeout} and returning the failure Ansible reports.
     */
    static ModuleResult run(int seconds, String action, ModuleCall call, Runnable onTimeout) throws IOException {
        if (seconds <= 0) {
            return call.run();
        }
        Future<ModuleResult> running = RUNNERS.submit(call::run);
        try {
            return running.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            onTimeout.run();
            return ModuleResult.failed(message(action, seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
