package dev.drover.report;

/** How one task ended on one host, as the recap counts it. */
public enum Status {
    OK, CHANGED, FAILED, SKIPPED, UNREACHABLE, IGNORED, RESCUED
}
