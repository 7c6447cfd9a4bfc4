package dev.drover.report;

import java.util.List;

/** Tells several listeners the same events (console and JSON file, say). */
final class FanOut implements RunListener {

    private final List<RunListener> listeners;

    FanOut(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void playStarted(String name) {
        listeners.forEach(l -> l.playStarted(name));
    }

    @Override
    public void taskStarted(String banner, String name, String location) {
        listeners.forEach(l -> l.taskStarted(banner, name, location));
    }

    @Override
    public void hostResult(HostOutcome outcome) {
        listeners.forEach(l -> l.hostResult(outcome));
    }

    @Override
    public void loopFinished(HostOutcome outcome) {
        listeners.forEach(l -> l.loopFinished(outcome));
    }

    @Override
    public void included(String file, List<String> hosts, String item) {
        listeners.forEach(l -> l.included(file, hosts, item));
    }

    @Override
    public void asyncPolled(String host, String jid, String state) {
        listeners.forEach(l -> l.asyncPolled(host, jid, state));
    }

    @Override
    public void noHostsMatched(String pattern) {
        listeners.forEach(l -> l.noHostsMatched(pattern));
    }

    @Override
    public void warning(String message) {
        listeners.forEach(l -> l.warning(message));
    }

    @Override
    public void recap(List<HostStats> stats) {
        listeners.forEach(l -> l.recap(stats));
    }
}
