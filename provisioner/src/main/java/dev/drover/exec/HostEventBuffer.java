package dev.drover.exec;

import dev.drover.report.HostOutcome;
import dev.drover.report.HostStats;
import dev.drover.report.RunListener;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's events under the free strategy, held back until the host finishes its task
 * and then handed to the real listener in one go. Hosts run their tasks at their own pace,
 * so without this one host's result would land under another host's task banner; with it,
 * each task start is followed by that host's results, as Ansible's callbacks see them
 * when a strategy is not lockstep.
 */
final class HostEventBuffer implements RunListener {

    private final RunListener target;
    private final List<Runnable> pending = new ArrayList<>();

    HostEventBuffer(RunListener target) {
        this.target = target;
    }

    /** Hands what was held back to the listener; the lock keeps two hosts' tasks from interleaving. */
    void flush() {
        List<Runnable> events;
        synchronized (pending) {
            events = new ArrayList<>(pending);
            pending.clear();
        }
        if (events.isEmpty()) {
            return;
        }
        synchronized (target) {
            events.forEach(Runnable::run);
        }
    }

    private void hold(Runnable event) {
        synchronized (pending) {
            pending.add(event);
        }
    }

    @Override
    public void playStarted(String name) {
        hold(() -> target.playStarted(name));
    }

    @Override
    public void taskStarted(String banner, String name, String location) {
        flush();
        hold(() -> target.taskStarted(banner, name, location));
    }

    @Override
    public void hostResult(HostOutcome outcome) {
        hold(() -> target.hostResult(outcome));
    }

    @Override
    public void loopFinished(HostOutcome outcome) {
        hold(() -> target.loopFinished(outcome));
    }

    @Override
    public void included(String file, List<String> hosts, String item) {
        hold(() -> target.included(file, hosts, item));
    }

    @Override
    public void asyncPolled(String host, String jid, String state) {
        hold(() -> target.asyncPolled(host, jid, state));
    }

    @Override
    public void noHostsMatched(String pattern) {
        hold(() -> target.noHostsMatched(pattern));
    }

    @Override
    public void warning(String message) {
        hold(() -> target.warning(message));
    }

    @Override
    public void recap(List<HostStats> stats) {
        flush();
        target.recap(stats);
    }
}
