package dev.drover.tests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lends lab hosts to tests that run at the same time, so that no two tests ever use one
 * host together. A test takes all the hosts it needs at once (so two tests can never each
 * hold half of what the other waits for) and gives them back when it ends, failed or not.
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
    private final Set<String> free;

    HostPool(List<String> hosts) {
        this.order = List.copyOf(hosts);
        this.free = new LinkedHashSet<>(hosts);
    }

    int size() {
        return order.size();
    }

    /** The first {@code count} free hosts in pool order, waiting until that many are free. */
    synchronized Lease take(int count) throws InterruptedException {
        if (count > order.size()) {
            throw new IllegalArgumentException("a test needs " + count + " lab hosts, the pool has " + order
                    + "; bring up more with tests/lab/lab up " + count);
        }
        while (free.size() < count) {
            wait();
        }
        List<String> taken = new ArrayList<>();
        for (String host : order) {
            if (taken.size() < count && free.remove(host)) {
                taken.add(host);
            }
        }
        return new Lease(this, List.copyOf(taken));
    }

    private synchronized void giveBack(List<String> hosts) {
        free.addAll(hosts);
        notifyAll();
    }
}
