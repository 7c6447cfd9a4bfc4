package dev.drover.agent.workflow;

import dev.drover.agent.workflow.llm.LlmStep;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: llm}: a chat completion against OpenAI-compatible endpoints (llama-server
 * experts), tried in order, behind the circuit breakers every run shares (docs/workflows.md,
 * "The llm step"). The step's {@code timeout} is the engine's, for the whole attempt; the time
 * one endpoint gets before the next is tried is {@code endpoint_timeout}.
 */
final class LlmStepType implements StepType {

    private static final Set<String> ARGUMENTS = llmArguments();

    private final LlmStep llm;

    LlmStepType(LlmStep llm) {
        this.llm = llm;
    }

    private static Set<String> llmArguments() {
        Set<String> names = new HashSet<>(LlmStep.ARGUMENTS);
        names.remove("timeout");
        names.add("endpoint_timeout");
        return Set.copyOf(names);
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public Set<String> arguments() {
        return ARGUMENTS;
    }

    @Override
    public Set<String> required() {
        return LlmStep.REQUIRED;
    }

    @Override
    public StepResult run(StepCall call) {
        Map<String, Object> args = new LinkedHashMap<>(call.args());
        Object endpointTimeout = args.remove("endpoint_timeout");
        args.remove("timeout");
        if (endpointTimeout != null) {
            args.put("timeout", endpointTimeout);
        }
        return StepResult.ok(llm.run(args, call::log));
    }
}
