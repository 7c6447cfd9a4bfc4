package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;

/**
 * The chat completions wire format, both ways. Field by field it follows OpenAI's Chat Completions
 * API (request: model, messages[role, content], stream, stream_options.include_usage, temperature,
 * max_tokens, response_format; response: model, choices[0].message.content, choices[0].finish_reason,
 * usage.prompt_tokens/completion_tokens/total_tokens) as llama-server's /v1/chat/completions accepts
 * and answers it (tools/server/README.md of llama.cpp), plus llama-server's own {@code timings}
 * object (prompt_n, prompt_ms, predicted_n, predicted_ms, predicted_per_second, ...), kept as given.
 *
 * <p>The schema goes in OpenAI's nesting, {@code {"type":"json_schema","json_schema":{"name","schema"}}}:
 * llama-server reads {@code response_format.json_schema.schema} from exactly that shape (its
 * oaicompat chat parameter parsing), while the flat {@code {"type":"json_schema","schema":...}} form
 * is ignored there. {@code strict} is not sent: OpenAI would then refuse schemas that do not list
 * every property as required, and llama-server does not read it.
 */
final class ChatWire {

    static final ObjectMapper JSON = new ObjectMapper();

    private ChatWire() {
    }

    static ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        if (request.model() != null) {
            body.put("model", request.model());
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put("stream", request.stream());
        if (request.stream()) {
            // Without it OpenAI sends no token counts in a stream; llama-server sends them either way.
            body.putObject("stream_options").put("include_usage", true);
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.schema() != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode wrapper = format.putObject("json_schema");
            wrapper.put("name", "output");
            wrapper.set("schema", request.schema().json());
            body.set("json_schema", request.schema().json());
        }
        return body;
    }

    /**
     * The URL to post to. An endpoint may be given as the server ({@code http://gpu1:8080}), its
     * OpenAI base URL ({@code http://gpu1:8080/v1}) or the full chat completions URL.
     */
    static URI completionsUri(URI endpoint) {
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("/chat/completions")) {
            return URI.create(text);
        }
        if (text.endsWith("/v1")) {
            return URI.create(text + "/chat/completions");
        }
        return URI.create(text + "/v1/chat/completions");
    }

    /** The message of an error body: OpenAI's and llama-server's {"error":{"message"}} or a bare {"message"}, else the text itself. */
    static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node.path("error");
            if (error.isObject() && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
            if (error.isTextual()) {
                return error.asText();
            }
            if (node.path("message").isTextual()) {
                return node.get("message").asText(); // the bare error object of an SSE "error:" field
            }
        } catch (Exception notJson) {
            // fall through: a proxy's HTML page or plain text
        }
        String text = body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** The answer's parts, from a whole completion or assembled from a stream's chunks. */
    record Answer(String model, String content, String finishReason, Usage usage, JsonNode timings) {
    }

    static Answer completion(JsonNode body) {
        JsonNode choice = body.path("choices").path(0);
        if (!choice.isObject() || !choice.path("message").isObject()) {
            throw new IllegalArgumentException("the answer has no choices[0].message");
        }
        JsonNode content = choice.path("message").path("content");
        return new Answer(textOrNull(body.get("model")), content.isTextual() ? content.asText() : "",
                textOrNull(choice.get("finish_reason")), usage(body.get("usage")), timings(body.get("timings")));
    }

    static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = usage.path("prompt_tokens").asLong();
        long completion = usage.path("completion_tokens").asLong();
        long total = usage.has("total_tokens") ? usage.path("total_tokens").asLong() : prompt + completion;
        return new Usage(prompt, completion, total);
    }

    static JsonNode timings(JsonNode timings) {
        return timings != null && timings.isObject() ? timings : null;
    }

    static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
