package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire and how it reads what comes back, checked against the double
 * (which records each request and reads the schema where llama-server reads it), and the stream
 * parser fed llama-server's and OpenAI's stream forms line by line.
 */
class LlmWireTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("ok"),
            "properties", Map.of("ok", Map.of("type", "boolean")));

    private final LlmClient client = new LlmClient(new CircuitBreakers());

    @Test
    void theRequestCarriesOpenAiFieldsAndTheSchemaWhereLlamaServerReadsIt() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble()) {
            ChatRequest request = ChatRequest.of(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Healthy?")))
                    .withModel("qwen-7b").withTemperature(0.2).withMaxTokens(64).withSchema(OutputSchema.of(SCHEMA)).withStream(true);
            client.chat(List.of(URI.create(expert.url() + "/v1")), request);

            JsonNode sent = expert.requests().get(0);
            assertThat(sent.get("model").asText()).isEqualTo("qwen-7b");
            assertThat(sent.get("messages").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Healthy?\"}]");
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
            assertThat(sent.get("stream").asBoolean()).isTrue();
            assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
            assertThat(sent.at("/response_format/json_schema/schema")).isEqualTo(OutputSchema.of(SCHEMA).json());
            assertThat(sent.get("json_schema")).as("for llama-server builds that drop the OpenAI nesting")
                    .isEqualTo(OutputSchema.of(SCHEMA).json());
            assertThat(expert.schemas().get(0)).isEqualTo(OutputSchema.of(SCHEMA).json());
        }
    }

    @Test
    void optionalFieldsLeftOutAreNotSent() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble()) {
            client.chat(List.of(URI.create(expert.url() + "/v1/chat/completions")), ChatRequest.of(List.of(ChatMessage.user("hi"))));

            JsonNode sent = expert.requests().get(0);
            assertThat(sent.has("model")).isFalse();
            assertThat(sent.has("temperature")).isFalse();
            assertThat(sent.has("max_tokens")).isFalse();
            assertThat(sent.has("response_format")).isFalse();
            assertThat(sent.has("stream_options")).isFalse();
            assertThat(sent.get("stream").asBoolean()).isFalse();
        }
    }

    @Test
    void timingsAndModelOfLlamaServerAreKept() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble("triage-expert")) {
            ChatResponse response = client.chat(List.of(URI.create(expert.url())), ChatRequest.of(List.of(ChatMessage.user("one two three"))));

            assertThat(response.content()).isEqualTo("You said: one two three");
            assertThat(response.model()).isEqualTo("triage-expert");
            assertThat(response.timings().get("predicted_n").asInt()).isEqualTo(response.usage().completionTokens());
            assertThat(response.timings().has("predicted_per_second")).isTrue();
        }
    }

    @Test
    void openAisSeparateUsageChunkIsReadToo() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble().openAiUsageChunk(true)) {
            ChatResponse response = client.chat(List.of(URI.create(expert.url())),
                    ChatRequest.of(List.of(ChatMessage.user("a b c d"))).withStream(true));

            assertThat(response.content()).isEqualTo("You said: a b c d");
            assertThat(response.usage().completionTokens()).isEqualTo(6);
        }
    }

    @Test
    void anAnswerThatBreaksTheSchemaIsAnOutputErrorAndTheEndpointStaysHealthy() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble().answer(body -> "{\"ok\": \"yes\"}")) {
            ChatRequest request = ChatRequest.of(List.of(ChatMessage.user("ok?"))).withSchema(OutputSchema.of(SCHEMA));

            assertThatThrownBy(() -> client.chat(List.of(URI.create(expert.url())), request))
                    .isInstanceOf(LlmOutputException.class)
                    .hasMessage("the answer of " + expert.url() + " does not match the schema: $.ok: expected boolean, got string \"yes\"")
                    .satisfies(e -> assertThat(((LlmOutputException) e).content()).isEqualTo("{\"ok\": \"yes\"}"));
            assertThat(client.breakers().forUri(URI.create(expert.url())).snapshot().consecutiveFailures()).isZero();
        }
    }

    @Test
    void jsonCutShortByMaxTokensSaysSo() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble().answer(body -> "{\"ok\": true, \"why\": \"all checks are green\"}")) {
            ChatRequest request = ChatRequest.of(List.of(ChatMessage.user("ok?"))).withSchema(OutputSchema.of(SCHEMA)).withMaxTokens(3);

            assertThatThrownBy(() -> client.chat(List.of(URI.create(expert.url())), request))
                    .isInstanceOf(LlmOutputException.class)
                    .hasMessageContaining("is not JSON (cut short by max_tokens: finish_reason is \"length\")");
        }
    }

    @Test
    void theStreamParserSkipsPingsReadsCrLfAndStopsAtAnErrorEvent() {
        List<String> pieces = new ArrayList<>();
        StreamAssembly stream = new StreamAssembly(pieces::add, System.nanoTime());
        for (String line : List.of(
                ": ping",
                "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}],\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\r",
                "\r",
                "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}",
                "",
                "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"lo\"}}]}",
                "",
                "data: {\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}",
                "",
                "data: [DONE]",
                "")) {
            stream.line(line);
        }
        stream.end();
        assertThat(stream.problem()).isNull();
        assertThat(pieces).containsExactly("Hel", "lo");
        assertThat(stream.answer()).isEqualTo(new ChatWire.Answer("m", "Hello", "stop", new Usage(5, 2, 7), null));

        StreamAssembly failing = new StreamAssembly(null, System.nanoTime());
        failing.line("data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}");
        failing.line("");
        failing.line("error: {\"code\":500,\"message\":\"slot crashed\",\"type\":\"server_error\"}");
        failing.line("");
        failing.end();
        assertThat(failing.problem()).isEqualTo("slot crashed");

        StreamAssembly inData = new StreamAssembly(null, System.nanoTime());
        inData.line("data: {\"error\":{\"code\":400,\"message\":\"context too long\",\"type\":\"invalid_request_error\"}}");
        inData.end();
        assertThat(inData.problem()).isEqualTo("context too long");
    }

    @Test
    void endpointsMayBeGivenAsServerBaseUrlOrFullUrl() {
        assertThat(ChatWire.completionsUri(URI.create("http://gpu1:8080"))).hasToString("http://gpu1:8080/v1/chat/completions");
        assertThat(ChatWire.completionsUri(URI.create("http://gpu1:8080/"))).hasToString("http://gpu1:8080/v1/chat/completions");
        assertThat(ChatWire.completionsUri(URI.create("https://api.example/v1"))).hasToString("https://api.example/v1/chat/completions");
        assertThat(ChatWire.completionsUri(URI.create("http://gw/llm/v1/chat/completions"))).hasToString("http://gw/llm/v1/chat/completions");
    }

    @Test
    void streamedPiecesReachTheCallerBeforeTheAnswerIsComplete() throws IOException {
        try (OpenAiDouble slow = new OpenAiDouble().tokenDelay(Duration.ofMillis(150))) {
            long start = System.nanoTime();
            List<Long> arrivals = new ArrayList<>();
            ChatResponse response = client.chat(List.of(URI.create(slow.url())),
                    ChatRequest.of(List.of(ChatMessage.user("one two three four five"))).withStream(true),
                    piece -> arrivals.add(System.nanoTime() - start));

            assertThat(arrivals).hasSize(7);
            assertThat(Duration.ofNanos(arrivals.get(0))).isLessThan(Duration.ofMillis(600));
            assertThat(response.timeToFirstToken()).isLessThan(response.duration().minusMillis(600));
        }
    }

    @Test
    void theTimeoutCoversTheWholeStreamNotJustTheHeaders() throws IOException {
        try (OpenAiDouble slow = new OpenAiDouble().tokenDelay(Duration.ofMillis(400))) {
            List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.chat(List.of(URI.create(slow.url())),
                    ChatRequest.of(List.of(ChatMessage.user("one two three four five six"))).withStream(true)
                            .withTimeout(Duration.ofMillis(1000)), pieces::add))
                    .isInstanceOf(LlmException.class)
                    .hasMessage("the llm endpoint failed: " + slow.url() + ": no complete answer within 1000 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(pieces).isNotEmpty().hasSizeLessThan(8);
        }
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIsSentOnceMoreOnTheSameEndpoint() throws Exception {
        String answer = "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"again\"}}]}";
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket socket = server.accept()) {
                        int n = connections.incrementAndGet();
                        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.toLowerCase().startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        if (n > 1) { // the first connection is dropped unanswered, as a server drops an idle one
                            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                    + answer.length() + "\r\nConnection: close\r\n\r\n" + answer).getBytes());
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.start();
            ChatResponse response = client.chat(List.of(URI.create("http://127.0.0.1:" + server.getLocalPort())),
                    ChatRequest.of(List.of(ChatMessage.user("hi"))));

            assertThat(response.content()).isEqualTo("again");
            assertThat(response.failures()).isEmpty();
            assertThat(connections.get()).isEqualTo(2);
        }
    }
}
