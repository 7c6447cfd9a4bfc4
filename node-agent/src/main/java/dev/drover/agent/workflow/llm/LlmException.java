package dev.drover.agent.workflow.llm;

import java.util.List;

/** No endpoint gave an answer; the message names each endpoint and what went wrong with it. */
public class LlmException extends RuntimeException {

    private final transient List<EndpointFailure> failures;

    public LlmException(String message, List<EndpointFailure> failures) {
        super(message);
        this.failures = List.copyOf(failures);
    }

    public List<EndpointFailure> failures() {
        return failures;
    }

    static LlmException allFailed(List<EndpointFailure> failures) {
        EndpointFailure last = failures.get(failures.size() - 1);
        String message;
        if (!last.failsOver()) {
            message = "the llm endpoint refused the request: " + last.describe();
            if (failures.size() > 1) {
                message += " (endpoints tried before it: " + joined(failures.subList(0, failures.size() - 1)) + ")";
            }
        } else {
            message = (failures.size() == 1 ? "the llm endpoint failed: " : "all " + failures.size() + " llm endpoints failed: ")
                    + joined(failures);
        }
        return new LlmException(message, failures);
    }

    private static String joined(List<EndpointFailure> failures) {
        StringBuilder text = new StringBuilder();
        for (EndpointFailure failure : failures) {
            text.append(text.length() == 0 ? "" : "; ").append(failure.describe());
        }
        return text.toString();
    }
}
