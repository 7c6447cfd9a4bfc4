package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The double itself, spoken to with raw HTTP: it must answer as llama-server does, or the client
 * tests prove nothing. Each expectation is one the llama.cpp server README or llama-server's
 * observed output states.
 */
class OpenAiDoubleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final OpenAiDouble expert;

    OpenAiDoubleTest() throws IOException {
        expert = new OpenAiDouble("tiny");
    }

    @AfterEach
    void stop() {
        expert.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(expert.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(expert.url() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOkOr503WhileLoading() throws Exception {
        assertThat(get("/health").body()).isEqualTo("{\"status\":\"ok\"}");
        expert.fail(OpenAiDouble.Fault.LOADING_503);
        HttpResponse<String> loading = get("/health");
        assertThat(loading.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(loading.body()).get("error").toString())
                .isEqualTo("{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}");
    }

    @Test
    void modelsListsTheOneModel() throws Exception {
        JsonNode models = JSON.readTree(get("/v1/models").body());
        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(models.at("/data/0/id").asText()).isEqualTo("tiny");
        assertThat(models.at("/data/0/owned_by").asText()).isEqualTo("llamacpp");
    }

    @Test
    void aCompletionHasOpenAisFieldsAndLlamaServersTimings() throws Exception {
        JsonNode answer = JSON.readTree(post("{\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}").body());
        assertThat(answer.get("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.get("id").asText()).startsWith("chatcmpl-");
        assertThat(answer.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("You said: hi there");
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(answer.at("/usage/total_tokens").asInt())
                .isEqualTo(answer.at("/usage/prompt_tokens").asInt() + answer.at("/usage/completion_tokens").asInt());
        assertThat(answer.get("timings").fieldNames()).toIterable().containsExactly("cache_n", "prompt_n", "prompt_ms",
                "prompt_per_token_ms", "prompt_per_second", "predicted_n", "predicted_ms", "predicted_per_token_ms",
                "predicted_per_second");
    }

    @Test
    void aStreamIsRoleChunkThenPiecesThenAFinishingChunkThenDone() throws Exception {
        String body = post("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b\"}]}").body();
        List<String> events = List.of(body.split("\n\n"));

        assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: "));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        JsonNode first = JSON.readTree(events.get(0).substring(6));
        assertThat(first.get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.at("/choices/0/delta").toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null}");
        JsonNode last = JSON.readTree(events.get(events.size() - 2).substring(6));
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/choices/0/delta").toString()).isEqualTo("{}");
        assertThat(last.has("usage")).isTrue();
        assertThat(last.has("timings")).isTrue();
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(1, events.size() - 2)) {
            text.append(JSON.readTree(event.substring(6)).at("/choices/0/delta/content").asText());
        }
        assertThat(text).hasToString("You said: a b");
    }

    @Test
    void badRequestsAre400sAsLlamaServerGivesThem() throws Exception {
        assertThat(post("{}").body()).contains("'messages' is required").contains("invalid_request_error");
        assertThat(post("{\"messages\":{}}").statusCode()).isEqualTo(400);
        assertThat(post("{\"messages\":[{\"role\":\"user\"}]}").statusCode()).isEqualTo(400);
        assertThat(post("{\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").statusCode()).isEqualTo(400);
        HttpResponse<String> badFormat = post("{\"response_format\":{\"type\":\"yaml\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).contains("got: yaml");
        assertThat(post("not json").statusCode()).isEqualTo(400);
        assertThat(expert.requests()).isEmpty();
    }

    @Test
    void theSchemaIsReadFromTheThreePlacesLlamaServerReadsItAndNotFromTheFlatForm() throws Exception {
        String schema = "{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\"}}}";
        String user = ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        post("{\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"o\",\"schema\":" + schema + "}}" + user);
        post("{\"response_format\":{\"type\":\"json_object\",\"schema\":" + schema + "}" + user);
        post("{\"json_schema\":" + schema + user);
        HttpResponse<String> flat = post("{\"response_format\":{\"type\":\"json_schema\",\"schema\":" + schema + "}" + user);

        JsonNode expected = JSON.readTree(schema);
        assertThat(expert.schemas().subList(0, 3)).containsOnly(expected);
        assertThat(expert.schemas().get(3).toString()).isEqualTo("{}");
        assertThat(JSON.readTree(flat.body()).at("/choices/0/message/content").asText()).isEqualTo("{}");
        assertThat(expert.schemas()).hasSize(4);
    }

    @Test
    void maxTokensCutsTheAnswerWithFinishReasonLength() throws Exception {
        JsonNode answer = JSON.readTree(post("{\"max_tokens\":2,\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}").body());
        assertThat(answer.at("/choices/0/message/content").asText()).isEqualTo("You said:");
        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void failNextFailsOnlyThatManyRequests() throws Exception {
        expert.failNext(2, OpenAiDouble.Fault.HTTP_500);
        String ask = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        assertThat(post(ask).statusCode()).isEqualTo(500);
        assertThat(post(ask).statusCode()).isEqualTo(500);
        assertThat(post(ask).statusCode()).isEqualTo(200);
        assertThat(expert.chatCalls()).isEqualTo(3);
    }
}
