package dev.drover.agent.workflow.llm;

import java.net.URI;
import java.time.Duration;

/** Why one endpoint did not answer, kept so the step's log and error tell the whole failover story. */
public record EndpointFailure(URI endpoint, Kind kind, String detail, Duration took) {

    public enum Kind {
        /** Nothing listening, host unreachable, connection reset before an answer. */
        CONNECT,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** HTTP 5xx or 429: the server is there but cannot answer now. */
        SERVER_ERROR,
        /** A 2xx whose body is not a chat completion, or a stream that ended before it finished. */
        BAD_RESPONSE,
        /** The endpoint's circuit breaker is open: not called at all. */
        CIRCUIT_OPEN,
        /** HTTP 4xx other than 429: the request itself is wrong; other endpoints are not tried. */
        REJECTED
    }

    /** Whether the next endpoint should be tried after this failure. */
    public boolean failsOver() {
        return kind != Kind.REJECTED;
    }

    public String describe() {
        return endpoint + ": " + detail;
    }
}
