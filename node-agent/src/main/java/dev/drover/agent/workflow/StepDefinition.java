package dev.drover.agent.workflow;

import dev.drover.SourceLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a workflow file, as validated: its type's arguments (still templates, rendered
 * when the step starts), its place in the DAG and what to do when it fails.
 *
 * @param forEach   a list or a template giving one; the step then runs once per item
 * @param concurrency items of a for_each run at once
 * @param fallbackOnly true for a step named by another's {@code on_failure}: it runs only then
 */
public record StepDefinition(String id, String type, Map<String, Object> args, List<String> needs, Optional<String> when,
                             int retries, Duration backoff, Optional<Duration> timeout, OnFailure onFailure,
                             Map<String, Object> outputs, Optional<Object> forEach, int concurrency, boolean fallbackOnly,
                             SourceLocation location) {

    public StepDefinition {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        needs = List.copyOf(needs);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    StepDefinition asFallback() {
        return new StepDefinition(id, type, args, needs, when, retries, backoff, timeout, onFailure, outputs, forEach,
                concurrency, true, location);
    }

    /** What a step's failure (after its retries) does to the run. */
    public record OnFailure(Kind kind, String fallback) {
        public enum Kind { FAIL, CONTINUE, FALLBACK }

        public static final OnFailure FAIL = new OnFailure(Kind.FAIL, null);
        public static final OnFailure CONTINUE = new OnFailure(Kind.CONTINUE, null);

        public static OnFailure fallback(String step) {
            return new OnFailure(Kind.FALLBACK, step);
        }
    }
}
