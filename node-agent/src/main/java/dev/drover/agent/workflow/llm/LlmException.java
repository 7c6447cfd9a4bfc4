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
        StringBuilder message = new StringBuilder();
        if (failures.size() == 1 && !failures.get(0).failsOver()) {
            message.append("the llm endpoint refused the request: ").append(failures.get(0).describe());
        } else {
            message.append(failures.size() == 1 ? "the llm endpoint failed: " : "all " + failures.size() + " llm endpoints failed: ");
            for (int i = 0; i < failures.size(); i++) {
                message.append(i == 0 ? "" : "; ").append(failures.get(i).describe());
            }
        }
        return new LlmException(message.toString(), failures);
    }
}
