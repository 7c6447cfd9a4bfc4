package dev.drover.agent.power;

import java.time.Duration;

/** A duration as people write it in the config and read it in events: 1500 ms, 42s, 5m10s, 2h0m. */
final class DurationWords {

    private DurationWords() {
    }

    static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000 && ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}
