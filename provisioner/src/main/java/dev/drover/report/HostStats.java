package dev.drover.report;

/** One host's line in the PLAY RECAP. */
public record HostStats(String host, int ok, int changed, int unreachable, int failed, int skipped, int rescued,
                        int ignored) {
}
