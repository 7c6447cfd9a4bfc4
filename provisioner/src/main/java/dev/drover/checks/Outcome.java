package dev.drover.checks;

/** The verdict on one property; WARN is a failed property of a warn check. */
public enum Outcome {
    PASS, FAIL, WARN, SKIP
}
