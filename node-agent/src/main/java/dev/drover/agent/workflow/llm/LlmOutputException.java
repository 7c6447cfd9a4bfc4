package dev.drover.agent.workflow.llm;

import java.util.List;

/**
 * An endpoint answered, but the answer is not JSON matching the step's schema. Kept apart from
 * endpoint failures: the server is healthy (its breaker is not charged), the model's output is not.
 */
public final class LlmOutputException extends LlmException {

    private final String content;
    private final List<String> violations;

    LlmOutputException(String message, String content, List<String> violations, List<EndpointFailure> failures) {
        super(message, failures);
        this.content = content;
        this.violations = List.copyOf(violations);
    }

    /** What the model said, as it said it. */
    public String content() {
        return content;
    }

    public List<String> violations() {
        return violations;
    }
}
