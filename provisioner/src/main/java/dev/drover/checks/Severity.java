package dev.drover.checks;

/** How much a check matters: a failing {@code severity: warn} check warns but never fails the host. */
public enum Severity {
    FAIL, WARN
}
