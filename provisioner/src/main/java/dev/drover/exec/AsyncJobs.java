package dev.drover.exec;

import dev.drover.modules.AsyncJobTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The tasks of a run that have {@code async: N}: each runs as a job on a thread and an SSH
 * connection of its own, so the host's other tasks go on beside it, and is stopped after N
 * seconds (its connection closed, which ends the remote command), as Ansible's async wrapper
 * kills its job. With {@code poll: 0} the task returns at once and {@code async_status}
 * asks here later.
 *
 * <p>Ansible keeps jobs in files on the host, where they outlive ansible-playbook; these live
 * in the run, and a job still running when the run ends is stopped and said so.
 */
final class AsyncJobs implements AutoCloseable {

    /** Ansible's words for a job its limit stopped. */
    static String limitMessage(int seconds) {
        return "Job reached maximum time limit of " + seconds + " seconds.";
    }

    /** One job: its host and what it is, and its result once it has one. */
    private record Job(String host, String what, CompletableFuture<Map<String, Object>> result, AutoCloseable connection) {
    }

    /** What a job's work may throw: anything a module run does. */
    interface Work {
        Map<String, Object> run() throws Exception;
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runners = Executors.newCachedThreadPool(daemon("drover-async-job"));
    private final ScheduledExecutorService limits = Executors.newSingleThreadScheduledExecutor(daemon("drover-async-limit"));
    /** Ansible's job ids end in the controller's process id. */
    private final long pid = ProcessHandle.current().pid();

    /**
     * Starts {@code work} on {@code host}; after {@code seconds} it is stopped and its result
     * is Ansible's failure. {@code connection} (the job's own) is closed when the job ends.
     * Answers the job id.
     */
    String start(String host, String what, int seconds, AutoCloseable connection, Work work) {
        String jid = "j" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L) + "." + pid;
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        jobs.put(jid, new Job(host, what, result, connection));
        Future<?> running = runners.submit(() -> {
            try {
                result.complete(work.run());
            } catch (Exception | Error e) {
                result.complete(failure(e.getMessage() == null ? e.toString() : e.getMessage()));
            } finally {
                closeQuietly(connection);
            }
        });
        limits.schedule(() -> {
            if (result.complete(failure(limitMessage(seconds)))) {
                running.cancel(true);
                closeQuietly(connection); // ends the remote command as the wrapper's kill would
            }
        }, seconds, TimeUnit.SECONDS);
        return jid;
    }

    /** Waits up to {@code seconds} for the job (poll > 0): its result, or its limit's failure; empty while it runs on. */
    Optional<Map<String, Object>> await(String jid, int seconds) throws InterruptedException {
        try {
            return Optional.of(jobs.get(jid).result().get(seconds, TimeUnit.SECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(failure(String.valueOf(e.getCause())));
        }
    }

    /** The jobs of {@code host}, as async_status there sees them. */
    AsyncJobTable on(String host) {
        return new AsyncJobTable() {
            @Override
            public Optional<JobState> state(String jid) {
                Job job = jobs.get(jid);
                if (job == null || !job.host().equals(host)) {
                    return Optional.empty();
                }
                Map<String, Object> done = job.result().getNow(null);
                return Optional.of(new JobState(done != null, done));
            }

            @Override
            public boolean forget(String jid) {
                Job job = jobs.get(jid);
                if (job == null || !job.host().equals(host)) {
                    return false;
                }
                jobs.remove(jid);
                if (job.result().complete(failure("the job was cleaned up"))) {
                    closeQuietly(job.connection());
                }
                return true;
            }
        };
    }

    /** The jobs still running, as "what on host": the run says it stops them. */
    List<String> running() {
        return jobs.values().stream().filter(job -> !job.result().isDone()).map(job -> job.what() + " on " + job.host()).toList();
    }

    /** Stops every job still running. */
    @Override
    public void close() {
        for (Job job : jobs.values()) {
            if (job.result().complete(failure("the run ended before the job did"))) {
                closeQuietly(job.connection());
            }
        }
        runners.shutdownNow();
        limits.shutdownNow();
    }

    private static Map<String, Object> failure(String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", true);
        result.put("msg", message);
        return result;
    }

    private static void closeQuietly(AutoCloseable connection) {
        try {
            connection.close();
        } catch (Exception ignored) {
            // the job is over either way; a connection that will not close has nothing left to do
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
