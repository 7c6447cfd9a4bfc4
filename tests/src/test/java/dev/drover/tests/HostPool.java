package dev.drover.tests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lends lab hosts to tests that run at the same time, so that no two tests ever use one
 * host together. A test takes all the hosts it needs at once (so two tests can never each
 * hold half of what the other waits for) and gives them back when it ends, failed or not.
 *
 * <p>A test either asks for any N hosts of the run's pool, or for hosts by name (a test
 * written for lab8 and lab9). Hosts a named request waits for are kept from requests for
 * any N meanwhile, so a stream of small leases cannot starve it.
 */
final class HostPool {

    /** Hosts lent to one test; closing gives them back. */
    record Lease(HostPool pool, List<String> hosts) implements AutoCloseable {
        @Override
        public void close() {
            pool.giveBack(hosts);
        }
    }

    private final List<String> order;
    private final Set<String> known;
    private final Set<String> free;
    /** Hosts that requests by name are waiting for (once per request): not lent to requests for any N meanwhile. */
    private final List<String> wanted = new ArrayList<>();

    /** A pool that lends these hosts, both by count (in this order) and by name. */
    HostPool(List<String> hosts) {
        this(hosts, hosts);
    }

    /**
     * A pool whose requests for any N draw from {@code countable} in that order, and whose
     * requests by name may take any of {@code all} (the lab's hosts outside this run's pool
     * are lent by name only).
     */
    HostPool(List<String> countable, Collection<String> all) {
        this.order = List.copyOf(countable);
        this.known = new LinkedHashSet<>(countable);
        this.known.addAll(all);
        this.free = new LinkedHashSet<>(known);
    }

    int size() {
        return order.size();
    }

    /** The first {@code count} free hosts in pool order, waiting until that many are free. */
    Lease take(int count) throws InterruptedException {
        return take(count, host -> true, "");
    }

    /**
     * The first {@code count} free hosts in pool order that {@code eligible} accepts, waiting
     * until that many are free; {@code eligibleMeans} words the condition for the error.
     */
    synchronized Lease take(int count, Predicate<String> eligible, String eligibleMeans) throws InterruptedException {
        List<String> candidates = order.stream().filter(eligible).toList();
        if (count > candidates.size()) {
            throw new IllegalArgumentException("a test needs " + count + " lab hosts" + eligibleMeans + ", the pool has "
                    + candidates + "; bring up more with tests/lab/lab up " + (order.size() + count - candidates.size()));
        }
        while (true) {
            List<String> taken = candidates.stream()
                    .filter(host -> free.contains(host) && !wanted.contains(host))
                    .limit(count)
                    .toList();
            if (taken.size() == count) {
                free.removeAll(taken);
                return new Lease(this, taken);
            }
            wait();
        }
    }

    /** These hosts by name, waiting until all of them are free. */
    synchronized Lease take(List<String> names) throws InterruptedException {
        List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("a test needs lab hosts " + unknown + " that the lab does not have (it has "
                    + known + "); bring up more with tests/lab/lab up N");
        }
        wanted.addAll(names);
        try {
            while (!free.containsAll(names)) {
                wait();
            }
        } finally {
            names.forEach(wanted::remove);
            notifyAll(); // requests for any N that stood back for these may go on
        }
        free.removeAll(names);
        return new Lease(this, List.copyOf(names));
    }

    /** How many hosts requests by name are waiting for now. */
    synchronized int wantedByName() {
        return wanted.size();
    }

    private synchronized void giveBack(List<String> hosts) {
        free.addAll(hosts);
        notifyAll();
    }
}
