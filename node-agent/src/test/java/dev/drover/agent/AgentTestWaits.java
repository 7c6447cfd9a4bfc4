package dev.drover.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a condition, for tests outside this package. */
public final class AgentTestWaits {

    private AgentTestWaits() {
    }

    public static void until(BooleanSupplier condition, Duration limit) throws InterruptedException {
        AgentEventsTest.waitFor(condition, limit);
    }
}
