package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The answer of the endpoint that gave one. {@code json} is the parsed and checked output when
 * the request had a schema, else null; {@code usage} and {@code timings} are null when the server
 * sent none; {@code timeToFirstToken} is null unless streamed. {@code failures} are the endpoints
 * tried before this one, in order.
 */
public record ChatResponse(URI endpoint, String model, String content, JsonNode json, String finishReason,
                           Usage usage, JsonNode timings, Duration duration, Duration timeToFirstToken,
                           List<EndpointFailure> failures) {

    public ChatResponse {
        failures = List.copyOf(failures);
    }
}
