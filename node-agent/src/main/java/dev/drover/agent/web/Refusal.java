package dev.drover.agent.web;

import java.util.Map;

/** A request the agent will not serve, with the status and headers that say why. */
final class Refusal extends RuntimeException {

    final int status;
    final Map<String, String> headers;

    Refusal(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    Refusal(int status, String message) {
        this(status, message, Map.of());
    }
}
