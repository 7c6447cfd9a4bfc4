package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the target (a real llama-server when LLAMA_SERVER_URL is set, else the
 * double): plain and streamed answers, schema-constrained output, and failover past endpoints that
 * refuse connections, answer 500 or 503, stall past the timeout or cut a stream short. Assertions
 * hold for any model: they check what the client made of the answer, not the words.
 */
class LlmClientTest {

    private static LlmTarget target;

    private static final Map<String, Object> TRIAGE_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("severity", "reason"),
            "properties", Map.of(
                    "severity", Map.of("type", "string", "enum", List.of("low", "high")),
                    // Bounded so a real model's grammar ends the answer well within max_tokens.
                    "reason", Map.of("type", "string", "maxLength", 80)));

    @BeforeAll
    static void start() throws IOException {
        target = LlmTarget.open();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static ChatRequest question(String prompt) {
        return ChatRequest.of(List.of(ChatMessage.system("You answer in one short sentence."), ChatMessage.user(prompt)))
                .withModel(target.model()).withTemperature(0.0).withMaxTokens(48).withTimeout(target.timeout());
    }

    private static LlmClient client() {
        return new LlmClient(new CircuitBreakers());
    }

    @Test
    void aPlainAnswerComesBackWithItsTokenCounts() {
        ChatResponse response = client().chat(List.of(target.uri()), question("Say hello to the operators."));

        assertThat(response.content()).isNotBlank();
        assertThat(response.endpoint()).isEqualTo(target.uri());
        assertThat(response.finishReason()).isIn("stop", "length");
        assertThat(response.usage().promptTokens()).isPositive();
        assertThat(response.usage().completionTokens()).isPositive();
        assertThat(response.usage().totalTokens())
                .isEqualTo(response.usage().promptTokens() + response.usage().completionTokens());
        assertThat(response.json()).isNull();
        assertThat(response.failures()).isEmpty();
        assertThat(response.timeToFirstToken()).isNull();
        assertThat(response.duration()).isPositive();
    }

    @Test
    void aStreamedAnswerArrivesPieceByPieceAndAddsUpToTheWholeContent() {
        List<String> pieces = new CopyOnWriteArrayList<>();
        ChatResponse response = client().chat(List.of(target.uri()), question("Name three colours.").withStream(true), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(response.content());
        assertThat(response.content()).isNotBlank();
        assertThat(response.finishReason()).isIn("stop", "length");
        assertThat(response.usage().completionTokens()).isPositive();
        assertThat(response.timeToFirstToken()).isNotNull().isLessThanOrEqualTo(response.duration());
    }

    @Test
    void schemaConstrainedOutputIsParsedAndMatchesTheSchema() {
        for (boolean stream : List.of(false, true)) {
            ChatResponse response = client().chat(List.of(target.uri()),
                    question("Classify this alert for an operator: the disk /var is 100% full. Answer in JSON.")
                            .withSchema(OutputSchema.of(TRIAGE_SCHEMA)).withMaxTokens(200).withStream(stream));

            assertThat(response.json()).as("stream=%s", stream).isNotNull();
            assertThat(response.json().get("severity").asText()).isIn("low", "high");
            assertThat(response.json().get("reason").isTextual()).isTrue();
            assertThat(OutputSchema.of(TRIAGE_SCHEMA).violations(response.json())).isEmpty();
        }
    }

    @Test
    void failsOverPastAnEndpointThatRefusesConnections() throws IOException {
        URI closed = closedPort();
        ChatResponse response = client().chat(List.of(closed, target.uri()), question("Are you there?"));

        assertThat(response.endpoint()).isEqualTo(target.uri());
        assertThat(response.content()).isNotBlank();
        assertThat(response.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.endpoint()).isEqualTo(closed);
            assertThat(failure.kind()).isEqualTo(EndpointFailure.Kind.CONNECT);
        });
    }

    @Test
    void failsOverPastServerErrorsAndALoadingServer() throws IOException {
        try (OpenAiDouble broken = new OpenAiDouble().fail(OpenAiDouble.Fault.HTTP_500);
             OpenAiDouble loading = new OpenAiDouble().fail(OpenAiDouble.Fault.LOADING_503)) {
            ChatResponse response = client().chat(List.of(URI.create(broken.url()), URI.create(loading.url()), target.uri()),
                    question("Are you there?"));

            assertThat(response.endpoint()).isEqualTo(target.uri());
            assertThat(response.failures()).extracting(EndpointFailure::kind)
                    .containsExactly(EndpointFailure.Kind.SERVER_ERROR, EndpointFailure.Kind.SERVER_ERROR);
            assertThat(response.failures().get(0).detail()).isEqualTo("HTTP 500: the double was told to fail");
            assertThat(response.failures().get(1).detail()).isEqualTo("HTTP 503: Loading model");
            assertThat(broken.chatCalls()).isEqualTo(1);
            assertThat(loading.chatCalls()).isEqualTo(1);
        }
    }

    @Test
    void failsOverPastAnEndpointThatStallsBeyondTheTimeout() throws IOException {
        try (OpenAiDouble stalled = new OpenAiDouble().fail(OpenAiDouble.Fault.STALL).stallFor(Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            ChatResponse response = client().chat(List.of(URI.create(stalled.url()), target.uri()), question("Are you there?"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.endpoint()).isEqualTo(target.uri());
            assertThat(response.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.kind()).isEqualTo(EndpointFailure.Kind.TIMEOUT);
                assertThat(failure.took()).isBetween(target.timeout(), target.timeout().plusSeconds(2));
            });
            assertThat(took).isLessThan(target.timeout().multipliedBy(2).plusSeconds(5));
        }
    }

    @Test
    void aStreamCutShortIsAFailureAndTheNextEndpointAnswers() throws IOException {
        try (OpenAiDouble cutting = new OpenAiDouble().fail(OpenAiDouble.Fault.CUT_STREAM)) {
            List<String> pieces = new CopyOnWriteArrayList<>();
            ChatResponse response = client().chat(List.of(URI.create(cutting.url()), target.uri()),
                    question("Are you there?").withStream(true), pieces::add);

            assertThat(response.endpoint()).isEqualTo(target.uri());
            assertThat(response.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.kind()).isEqualTo(EndpointFailure.Kind.BAD_RESPONSE);
                assertThat(failure.detail()).contains("stream ended before the answer was finished");
            });
            assertThat(String.join("", pieces)).endsWith(response.content());
        }
    }

    @Test
    void aBodyThatIsNotAChatCompletionFailsOver() throws IOException {
        try (OpenAiDouble garbage = new OpenAiDouble().fail(OpenAiDouble.Fault.NOT_JSON)) {
            ChatResponse response = client().chat(List.of(URI.create(garbage.url()), target.uri()), question("Are you there?"));

            assertThat(response.failures()).singleElement()
                    .extracting(EndpointFailure::kind).isEqualTo(EndpointFailure.Kind.BAD_RESPONSE);
        }
    }

    @Test
    void whenEveryEndpointFailsTheErrorNamesEachAndWhy() throws IOException {
        URI closed = closedPort();
        try (OpenAiDouble broken = new OpenAiDouble().fail(OpenAiDouble.Fault.TOO_MANY_429)) {
            assertThatThrownBy(() -> client().chat(List.of(closed, URI.create(broken.url())), question("Anyone?")))
                    .isInstanceOf(LlmException.class)
                    .hasMessageStartingWith("all 2 llm endpoints failed: " + closed + ": connection refused")
                    .hasMessageContaining(broken.url() + ": HTTP 429: all slots are busy")
                    .satisfies(e -> assertThat(((LlmException) e).failures()).hasSize(2));
        }
    }

    @Test
    void aRequestRefusedWith4xxIsNotSentToTheOtherEndpoints() throws IOException {
        try (OpenAiDouble guarded = new OpenAiDouble().requireApiKey("s3cret");
             OpenAiDouble second = new OpenAiDouble()) {
            assertThatThrownBy(() -> client().chat(List.of(URI.create(guarded.url()), URI.create(second.url())),
                    question("Anyone?").withApiKey("wrong")))
                    .isInstanceOf(LlmException.class)
                    .hasMessage("the llm endpoint refused the request: " + guarded.url() + ": HTTP 401: Invalid API Key");
            assertThat(second.chatCalls()).isZero();

            ChatResponse withKey = client().chat(List.of(URI.create(guarded.url())), question("Anyone?").withApiKey("s3cret"));
            assertThat(withKey.content()).isNotBlank();
        }
    }

    @Test
    void anOpenCircuitSkipsTheDeadEndpointWithoutWaitingThenOneTrialCloses() throws IOException {
        ManualClock clock = new ManualClock();
        LlmClient client = new LlmClient(new CircuitBreakers(new BreakerPolicy(2, Duration.ofSeconds(30)), clock));
        try (OpenAiDouble flaky = new OpenAiDouble().fail(OpenAiDouble.Fault.HTTP_500)) {
            List<URI> endpoints = List.of(URI.create(flaky.url()), target.uri());
            client.chat(endpoints, question("one"));
            client.chat(endpoints, question("two"));
            assertThat(flaky.chatCalls()).isEqualTo(2);
            // What an operator reads in GET /api/v1/workflows/breakers: why it opened.
            assertThat(client.breakers().forUri(URI.create(flaky.url())).snapshot().lastError()).startsWith("HTTP 500");

            ChatResponse skipped = client.chat(endpoints, question("three"));
            assertThat(flaky.chatCalls()).as("open: not called").isEqualTo(2);
            assertThat(skipped.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.kind()).isEqualTo(EndpointFailure.Kind.CIRCUIT_OPEN);
                assertThat(failure.detail()).startsWith("circuit breaker open, not called before 2026-11-21T12:00:30Z");
            });

            clock.advance(Duration.ofSeconds(30));
            client.chat(endpoints, question("trial fails"));
            assertThat(flaky.chatCalls()).as("half-open: one trial").isEqualTo(3);
            client.chat(endpoints, question("open again"));
            assertThat(flaky.chatCalls()).isEqualTo(3);

            flaky.heal();
            clock.advance(Duration.ofSeconds(30));
            ChatResponse trial = client.chat(endpoints, question("trial succeeds"));
            assertThat(trial.endpoint()).hasToString(flaky.url());
            assertThat(client.breakers().forUri(URI.create(flaky.url())).state()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void concurrentRunsShareOneClientAndItsBreakersAndAllGetAnAnswer() throws Exception {
        LlmClient shared = new LlmClient(new CircuitBreakers(new BreakerPolicy(3, Duration.ofSeconds(30)), new ManualClock()));
        try (OpenAiDouble broken = new OpenAiDouble().fail(OpenAiDouble.Fault.HTTP_500)) {
            List<URI> endpoints = List.of(URI.create(broken.url()), target.uri());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<ChatResponse>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                answers.add(pool.submit(() -> shared.chat(endpoints, question("Run " + n + ": are you there?"))));
            }
            for (java.util.concurrent.Future<ChatResponse> answer : answers) {
                assertThat(answer.get(5, java.util.concurrent.TimeUnit.MINUTES).endpoint()).isEqualTo(target.uri());
            }
            pool.shutdown();

            assertThat(shared.breakers().forUri(URI.create(broken.url())).state()).isEqualTo(CircuitBreaker.State.OPEN);
            ChatResponse later = shared.chat(endpoints, question("And now?"));
            assertThat(later.failures()).singleElement().extracting(EndpointFailure::kind).isEqualTo(EndpointFailure.Kind.CIRCUIT_OPEN);
        }
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
