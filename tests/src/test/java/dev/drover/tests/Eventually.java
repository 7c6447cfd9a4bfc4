package dev.drover.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting, in lab tests, for something that happens on its own time: a boot, a check, an idle timer. */
final class Eventually {

    private Eventually() {
    }

    /**
     * The first value read that is not null and satisfies {@code done}, read every 250 ms; a
     * failed test naming {@code what} and the last value seen when {@code timeout} runs out.
     */
    static <T> T waitFor(String what, Supplier<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        T last = null;
        while (Instant.now().isBefore(end)) {
            last = read.get();
            if (last != null && done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what + "; last seen: " + last);
    }

    /** Whether {@code condition} held within {@code timeout}, checked every 500 ms (for tests that report a miss themselves). */
    static boolean waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }
}
