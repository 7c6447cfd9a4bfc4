package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;

/**
 * Builds one answer from a streamed chat completion: Server-Sent Events whose {@code data:} lines
 * each carry a {@code chat.completion.chunk}, ended by {@code data: [DONE]}.
 *
 * <p>Chunk shape as llama-server sends it and OpenAI documents it: {@code choices[0].delta} holds
 * {@code role} (first chunk, content null) then {@code content} pieces; the last choice chunk has an
 * empty delta and a {@code finish_reason}. Token counts arrive as {@code usage} on the finishing
 * chunk (llama-server, together with {@code timings}) or on one more chunk with an empty
 * {@code choices} list (OpenAI with {@code stream_options.include_usage}); the last one seen wins.
 * Lines starting with ':' are comments (llama-server's keep-alive pings) and are skipped. A failure
 * after the headers arrives as an {@code error} object in a data line, or as an {@code error:}
 * field (older llama-server); both end the answer as a failure.
 */
final class StreamAssembly {

    private final Consumer<String> onDelta;
    private final long startNanos;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String model;
    private String finishReason;
    private Usage usage;
    private JsonNode timings;
    private boolean done;
    private String error;
    private long firstTokenNanos = -1;

    StreamAssembly(Consumer<String> onDelta, long startNanos) {
        this.onDelta = onDelta;
        this.startNanos = startNanos;
    }

    /** One line of the event stream, without its line ending. */
    void line(String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (done || error != null) {
            return;
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(value);
        } else if (field.equals("error")) {
            error = ChatWire.errorMessage(value);
        }
    }

    /** The stream closed: a last event without its blank line still counts. */
    void end() {
        if (!done && error == null) {
            dispatch();
        }
    }

    private void dispatch() {
        if (data.length() == 0) {
            return;
        }
        String payload = data.toString();
        data.setLength(0);
        if (payload.equals("[DONE]")) {
            done = true;
            return;
        }
        JsonNode chunk;
        try {
            chunk = ChatWire.JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            error = "a stream chunk is not JSON: " + (payload.length() > 120 ? payload.substring(0, 120) + "..." : payload);
            return;
        }
        if (chunk.has("error")) {
            error = ChatWire.errorMessage(payload);
            return;
        }
        if (chunk.hasNonNull("model")) {
            model = chunk.get("model").asText();
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode piece = choice.path("delta").path("content");
        if (piece.isTextual() && !piece.asText().isEmpty()) {
            if (firstTokenNanos < 0) {
                firstTokenNanos = System.nanoTime() - startNanos;
            }
            content.append(piece.asText());
            if (onDelta != null) {
                onDelta.accept(piece.asText());
            }
        }
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
        Usage given = ChatWire.usage(chunk.get("usage"));
        if (given != null) {
            usage = given;
        }
        JsonNode givenTimings = ChatWire.timings(chunk.get("timings"));
        if (givenTimings != null) {
            timings = givenTimings;
        }
    }

    /** Null when the stream gave a whole answer, else why not. */
    String problem() {
        if (error != null) {
            return error;
        }
        if (!done && finishReason == null) {
            return "the stream ended before the answer was finished (no finish_reason, no [DONE]) after "
                    + content.length() + " characters";
        }
        return null;
    }

    ChatWire.Answer answer() {
        return new ChatWire.Answer(model, content.toString(), finishReason, usage, timings);
    }

    /** Nanoseconds from the request to the first content piece, or -1 when none came. */
    long firstTokenNanos() {
        return firstTokenNanos;
    }
}
