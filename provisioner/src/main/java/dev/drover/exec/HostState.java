package dev.drover.exec;

import dev.drover.inventory.Host;
import dev.drover.report.HostStats;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the run knows about one host as it goes: its facts, the variables that set_fact and
 * register gave it, whether it has failed, which handlers it has been notified for, and its
 * recap counts. The one mutable thing per host; only that host's worker writes to it
 * during a task.
 */
final class HostState {

    /** A block the host is inside: whether it has a rescue section, and whether the host failed in it. */
    private static final class Frame {
        final boolean rescuable;
        boolean failed;

        Frame(boolean rescuable) {
            this.rescuable = rescuable;
        }
    }

    final Host host;
    /** Facts without the ansible_ prefix (ansible_local keeps it), as {@code ansible_facts} shows them. */
    final Map<String, Object> facts = nullTolerantMap();
    /** The same facts by the names modules returned them, as Ansible injects them as variables (INJECT_FACTS_AS_VARS). */
    final Map<String, Object> factVars = nullTolerantMap();
    final Map<String, Object> hostVars = nullTolerantMap();
    final Set<String> notified = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final Deque<Frame> frames = new ArrayDeque<>();
    private boolean failed;
    private boolean unreachable;
    private boolean ended;
    private int ok;
    private int changed;
    private int failures;
    private int skipped;
    private int rescued;
    private int ignored;
    private int dark;

    /** Variables may be null (set_fact: {x: ~}); other hosts read these maps through hostvars. */
    private static Map<String, Object> nullTolerantMap() {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    }

    HostState(Host host) {
        this.host = host;
    }

    String name() {
        return host.name();
    }

    synchronized boolean canRun() {
        return !failed && !unreachable && !ended && frames.stream().noneMatch(f -> f.failed);
    }

    /** Under force_handlers: still standing, or failed (not unreachable, not ended by meta). */
    synchronized boolean canRunForcedHandlers() {
        return !unreachable && !ended && frames.stream().noneMatch(f -> f.failed);
    }

    synchronized boolean isFailed() {
        return failed;
    }

    synchronized boolean isUnreachable() {
        return unreachable;
    }

    synchronized void enterBlock(boolean rescuable) {
        frames.push(new Frame(rescuable));
    }

    /**
     * Before the always section of a block inside a block whose rescue caught a failure:
     * the host must run that always section first, so the caught failure is set aside.
     * Returns what {@link #resumeBlockFailure} needs, or null when nothing was set aside.
     */
    synchronized Object pauseBlockFailure() {
        for (Frame frame : frames) {
            if (frame.failed) {
                frame.failed = false;
                return frame;
            }
        }
        return null;
    }

    synchronized void resumeBlockFailure(Object paused) {
        ((Frame) paused).failed = true;
    }

    /** Leaves the innermost block; true when the host failed inside it. */
    synchronized boolean leaveBlock() {
        return frames.pop().failed;
    }

    /**
     * Records a task failure: inside a block with a rescue section, the block is marked and
     * the host waits for the rescue; otherwise the host is out of the play.
     */
    synchronized void fail() {
        for (Frame frame : frames) {
            if (frame.rescuable) {
                frame.failed = true;
                return;
            }
        }
        failed = true;
        failures++;
    }

    /**
     * Facts as a module returns them (setup: ansible_ names; a cacheable set_fact: its own
     * names), kept both ways as Ansible keeps them: in {@code ansible_facts} without the
     * ansible_ prefix (except ansible_local), and as variables by their own names.
     */
    synchronized void learnFacts(Map<?, ?> returned) {
        returned.forEach((key, value) -> {
            String name = String.valueOf(key);
            boolean prefixed = name.startsWith("ansible_") && !name.equals("ansible_local");
            facts.put(prefixed ? name.substring("ansible_".length()) : name, value);
            factVars.put(name, value);
        });
    }

    /** Whether a play-level gathering already ran for this host (Ansible's _ansible_facts_gathered, for gathering = smart). */
    synchronized boolean factsGathered() {
        return Boolean.TRUE.equals(facts.get("_ansible_facts_gathered"));
    }

    /** The failed task and its result, for ansible_failed_task / ansible_failed_result in a rescue section. */
    synchronized void lastFailure(dev.drover.playbook.Task task, Map<String, Object> result) {
        hostVars.put("ansible_failed_task", FailedTask.describe(task));
        hostVars.put("ansible_failed_result", result);
    }

    synchronized void markUnreachable() {
        unreachable = true;
        dark++;
    }

    /** meta: end_host / end_play: stop without failing. */
    synchronized void end() {
        ended = true;
    }

    synchronized void startPlay() {
        ended = false;
        frames.clear();
    }

    /** After an always section: the host failed in the block and had no rescue, so it stays out. */
    synchronized void failAgain() {
        failed = true;
    }

    /** meta: clear_host_errors */
    synchronized void clearErrors() {
        failed = false;
    }

    synchronized void countOk(boolean wasChanged) {
        ok++;
        if (wasChanged) {
            changed++;
        }
    }

    /** include_role is no task of its own in Ansible's recap: the ok its run counted is taken back. */
    synchronized void uncountOk() {
        ok--;
    }

    synchronized void countSkipped() {
        skipped++;
    }

    synchronized void countIgnored(boolean wasChanged) {
        ok++;
        ignored++;
        if (wasChanged) {
            changed++;
        }
    }

    synchronized void countRescued() {
        rescued++;
    }

    synchronized HostStats stats() {
        return new HostStats(host.name(), ok, changed, dark, failures, skipped, rescued, ignored);
    }
}
