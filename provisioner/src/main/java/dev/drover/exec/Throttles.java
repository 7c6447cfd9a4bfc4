package dev.drover.exec;

import dev.drover.playbook.Task;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * {@code throttle:}: how many hosts may run one task at the same time, below --forks. One
 * permit pool per task (by identity), shared by every host of the play, so that it holds
 * under the free strategy too, where hosts reach the task at different moments.
 */
final class Throttles {

    private final Map<Task, Semaphore> permits = new IdentityHashMap<>();

    /** Runs {@code work} once a permit for {@code task} is free; a limit of 0 or less means no limit. */
    void run(Task task, int limit, Runnable work) {
        if (limit <= 0) {
            work.run();
            return;
        }
        Semaphore semaphore;
        synchronized (permits) {
            semaphore = permits.computeIfAbsent(task, t -> new Semaphore(limit, true));
        }
        semaphore.acquireUninterruptibly();
        try {
            work.run();
        } finally {
            semaphore.release();
        }
    }
}
