package dev.drover.agent.workflow.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Token counts as OpenAI's {@code usage} object gives them (llama-server fills the same fields). */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("prompt_tokens", promptTokens);
        map.put("completion_tokens", completionTokens);
        map.put("total_tokens", totalTokens);
        return map;
    }
}
