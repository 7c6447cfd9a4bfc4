package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A read's body with Nomad's X-Nomad-Index: pass the index back to wait (a blocking query)
 * until something changes past it.
 */
public record Indexed(JsonNode body, long index) {
}
