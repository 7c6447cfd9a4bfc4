package dev.drover.agent.workflow.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand, so cool-downs pass without waiting. */
final class ManualClock implements InstantSource {

    private Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized void advance(Duration by) {
        now = now.plus(by);
    }
}
