package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat completions against OpenAI-compatible endpoints (llama-server experts first of all), tried
 * in the order given: an endpoint that cannot be reached, times out, answers 5xx or 429, or sends
 * something that is not a chat completion is left for the next one; a 4xx ends the call at once,
 * since the same request would be refused everywhere. Each endpoint's circuit breaker is asked
 * first and told the outcome, so an expert that keeps failing is skipped without waiting for its
 * timeout, by every run at once.
 *
 * <p>Thread-safe; one instance serves the whole agent.
 */
public final class LlmClient {

    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final CircuitBreakers breakers;

    public LlmClient(CircuitBreakers breakers) {
        // HTTP/1.1: llama-server (cpp-httplib) speaks nothing else, and the h2c upgrade headers
        // java.net.http adds by default on plain http only add a round of negotiation to fail.
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build(), breakers);
    }

    public LlmClient(HttpClient http, CircuitBreakers breakers) {
        this.http = http;
        this.breakers = breakers;
    }

    public CircuitBreakers breakers() {
        return breakers;
    }

    public ChatResponse chat(List<URI> endpoints, ChatRequest request) {
        return chat(endpoints, request, null);
    }

    /**
     * Asks the endpoints in turn until one answers. {@code onDelta}, when not null, receives each
     * streamed piece of content as it arrives (on an HTTP client thread).
     *
     * @throws LlmException when no endpoint answered (the message names each and why)
     * @throws LlmOutputException when the answer does not match the request's schema
     */
    public ChatResponse chat(List<URI> endpoints, ChatRequest request, Consumer<String> onDelta) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("an llm call needs at least one endpoint");
        }
        String body = ChatWire.requestBody(request).toString();
        List<EndpointFailure> failures = new ArrayList<>();
        for (URI endpoint : endpoints) {
            CircuitBreaker breaker = breakers.forUri(endpoint);
            CircuitBreaker.Admission admission = breaker.admit();
            if (!admission.allowed()) {
                failures.add(new EndpointFailure(endpoint, EndpointFailure.Kind.CIRCUIT_OPEN,
                        "circuit breaker " + admission.state().name().toLowerCase().replace('_', '-')
                                + ", not called before " + admission.retryAt(), Duration.ZERO));
                continue;
            }
            long start = System.nanoTime();
            Attempt attempt = attempt(endpoint, request, body, onDelta, start);
            if (attempt.failure() != null && attempt.failure().lostConnection()) {
                // A kept-alive connection the server had just closed (llama-server drops idle ones after
                // 5 s): the request never reached it, so it is sent once more on a fresh connection.
                LOG.debug("llm endpoint {}: {}; sending again", endpoint, attempt.failure().detail());
                attempt = attempt(endpoint, request, body, onDelta, System.nanoTime());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (attempt.failure() != null) {
                EndpointFailure failure = new EndpointFailure(endpoint, attempt.failure().kind(), attempt.failure().detail(), took);
                failures.add(failure);
                if (!failure.failsOver()) {
                    breaker.recordSuccess(admission);
                    throw LlmException.allFailed(failures);
                }
                breaker.recordFailure(admission, failure.detail());
                LOG.info("llm endpoint {} failed after {} ms: {}", endpoint, took.toMillis(), failure.detail());
                continue;
            }
            breaker.recordSuccess(admission);
            return answered(endpoint, request, attempt, took, failures);
        }
        throw LlmException.allFailed(failures);
    }

    private ChatResponse answered(URI endpoint, ChatRequest request, Attempt attempt, Duration took,
                                  List<EndpointFailure> failures) {
        ChatWire.Answer answer = attempt.answer();
        JsonNode json = null;
        if (request.schema() != null) {
            json = OutputSchema.parse(answer.content()).orElseThrow(() -> new LlmOutputException(
                    "the answer of " + endpoint + " is not JSON" + truncatedHint(answer) + ": " + preview(answer.content()),
                    answer.content(), List.of("$: not JSON"), failures));
            List<String> violations = request.schema().violations(json);
            if (!violations.isEmpty()) {
                throw new LlmOutputException("the answer of " + endpoint + " does not match the schema: "
                        + String.join("; ", violations), answer.content(), violations, failures);
            }
        }
        Duration firstToken = attempt.firstTokenNanos() < 0 ? null : Duration.ofNanos(attempt.firstTokenNanos());
        return new ChatResponse(endpoint, answer.model(), answer.content(), json, answer.finishReason(), answer.usage(),
                answer.timings(), took, firstToken, failures);
    }

    private static String truncatedHint(ChatWire.Answer answer) {
        return "length".equals(answer.finishReason()) ? " (cut short by max_tokens: finish_reason is \"length\")" : "";
    }

    private static String preview(String content) {
        return content.length() > 200 ? content.substring(0, 200) + "..." : content;
    }

    /** One endpoint's outcome: an answer, or why not. */
    private record Attempt(ChatWire.Answer answer, long firstTokenNanos, Problem failure) {
    }

    private record Problem(EndpointFailure.Kind kind, String detail, boolean lostConnection) {
    }

    private Attempt attempt(URI endpoint, ChatRequest request, String body, Consumer<String> onDelta, long start) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(ChatWire.completionsUri(endpoint))
                .header("Content-Type", "application/json")
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (request.apiKey() != null && !request.apiKey().isEmpty()) {
            builder.header("Authorization", "Bearer " + request.apiKey());
        }
        StreamAssembly stream = new StreamAssembly(onDelta, start);
        AtomicBoolean answered = new AtomicBoolean();
        CompletableFuture<HttpResponse<Attempt>> future = http.sendAsync(builder.build(), info -> {
            answered.set(true);
            if (info.statusCode() / 100 != 2) {
                return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8),
                        text -> refused(info.statusCode(), text));
            }
            if (request.stream()) {
                return streamed(stream);
            }
            return BodySubscribers.mapping(BodySubscribers.ofString(StandardCharsets.UTF_8), LlmClient::whole);
        });
        try {
            // The timeout covers the whole answer: java.net.http's own request timeout stops at the headers.
            return future.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS).body();
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(EndpointFailure.Kind.TIMEOUT, "no complete answer within " + request.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for " + endpoint, List.of());
        } catch (ExecutionException e) {
            return failed(e.getCause(), answered.get());
        }
    }

    private static Attempt failed(Throwable cause, boolean headersArrived) {
        if (cause instanceof HttpConnectTimeoutException) {
            return failed(EndpointFailure.Kind.CONNECT, "connect timed out");
        }
        if (cause instanceof HttpTimeoutException) {
            return failed(EndpointFailure.Kind.TIMEOUT, cause.getMessage());
        }
        if (cause instanceof ConnectException) {
            return failed(EndpointFailure.Kind.CONNECT, "connection refused or unreachable"
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
        }
        if (cause instanceof IOException) {
            return new Attempt(null, -1, new Problem(EndpointFailure.Kind.CONNECT, "connection failed: " + cause, !headersArrived));
        }
        return failed(EndpointFailure.Kind.BAD_RESPONSE, String.valueOf(cause));
    }

    private static Attempt failed(EndpointFailure.Kind kind, String detail) {
        return new Attempt(null, -1, new Problem(kind, detail, false));
    }

    private static Attempt refused(int status, String text) {
        String detail = "HTTP " + status + ": " + ChatWire.errorMessage(text);
        boolean serverSide = status >= 500 || status == 429 || status == 408;
        return failed(serverSide ? EndpointFailure.Kind.SERVER_ERROR : EndpointFailure.Kind.REJECTED, detail);
    }

    private static Attempt whole(String text) {
        try {
            return new Attempt(ChatWire.completion(ChatWire.JSON.readTree(text)), -1, null);
        } catch (Exception e) {
            return failed(EndpointFailure.Kind.BAD_RESPONSE, "not a chat completion (" + e.getMessage() + "): "
                    + preview(text));
        }
    }

    private static BodySubscriber<Attempt> streamed(StreamAssembly stream) {
        return BodySubscribers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                stream.line(line);
            }

            @Override
            public void onError(Throwable throwable) {
                // The future fails with it; the attempt reports it as a connection failure.
            }

            @Override
            public void onComplete() {
                stream.end();
            }
        }, ignored -> {
            String problem = stream.problem();
            return problem == null ? new Attempt(stream.answer(), stream.firstTokenNanos(), null)
                    : failed(EndpointFailure.Kind.BAD_RESPONSE, problem);
        }, StandardCharsets.UTF_8, "\n");
    }
}
