package dev.drover.agent.workflow.llm;

import java.time.Duration;
import java.util.List;

/**
 * What to ask: the messages and the sampling settings sent as a chat completion. {@code model},
 * {@code temperature}, {@code maxTokens}, {@code schema} and {@code apiKey} may be null (not sent;
 * the server's defaults apply). {@code timeout} bounds each endpoint's attempt, the whole answer
 * included, streamed or not.
 */
public record ChatRequest(String model, List<ChatMessage> messages, OutputSchema schema, boolean stream,
                          Double temperature, Integer maxTokens, Duration timeout, String apiKey) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public ChatRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat completion needs at least one message");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be a positive duration, not " + timeout);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, not " + maxTokens);
        }
    }

    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(null, messages, null, false, null, null, DEFAULT_TIMEOUT, null);
    }

    public ChatRequest withModel(String value) {
        return new ChatRequest(value, messages, schema, stream, temperature, maxTokens, timeout, apiKey);
    }

    public ChatRequest withSchema(OutputSchema value) {
        return new ChatRequest(model, messages, value, stream, temperature, maxTokens, timeout, apiKey);
    }

    public ChatRequest withStream(boolean value) {
        return new ChatRequest(model, messages, schema, value, temperature, maxTokens, timeout, apiKey);
    }

    public ChatRequest withTemperature(Double value) {
        return new ChatRequest(model, messages, schema, stream, value, maxTokens, timeout, apiKey);
    }

    public ChatRequest withMaxTokens(Integer value) {
        return new ChatRequest(model, messages, schema, stream, temperature, value, timeout, apiKey);
    }

    public ChatRequest withTimeout(Duration value) {
        return new ChatRequest(model, messages, schema, stream, temperature, maxTokens, value, apiKey);
    }

    public ChatRequest withApiKey(String value) {
        return new ChatRequest(model, messages, schema, stream, temperature, maxTokens, timeout, value);
    }
}
