package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step adapter the workflow engine calls: arguments as a workflow file gives them (after
 * templating, so numbers and flags may be strings), outputs as later steps and conditions read them.
 */
class LlmStepTest {

    private static LlmTarget target;
    private final LlmStep step = new LlmStep(new LlmClient(new CircuitBreakers()));

    @BeforeAll
    static void start() throws IOException {
        target = LlmTarget.open();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (target.model() != null) {
            args.put("model", target.model());
        }
        args.put("timeout", target.timeout().toSeconds() + "s");
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return args;
    }

    @Test
    void aPromptGivesContentEndpointUsageAndDuration() {
        Map<String, Object> out = step.run(args("endpoints", target.uri().toString(), "prompt", "Say hello.",
                "system", "Answer in five words.", "temperature", "0", "max_tokens", "32"));

        assertThat(out).containsKeys("content", "endpoint", "model", "finish_reason", "usage", "duration_ms", "failed_endpoints");
        assertThat((String) out.get("content")).isNotBlank();
        assertThat(out.get("endpoint")).isEqualTo(target.uri().toString());
        assertThat((Map<String, Object>) out.get("usage")).containsKeys("prompt_tokens", "completion_tokens", "total_tokens");
        assertThat((Long) out.get("duration_ms")).isNotNegative();
        assertThat(out).doesNotContainKey("json");
        assertThat((List<?>) out.get("failed_endpoints")).isEmpty();
    }

    @Test
    void withASchemaTheJsonOutputIsMapsAndListsAConditionCanRead() {
        Map<String, Object> schema = Map.of("type", "object", "required", List.of("restart", "services"),
                "properties", Map.of("restart", Map.of("type", "boolean"),
                        "services", Map.of("type", "array", "maxItems", 3,
                                "items", Map.of("type", "string", "enum", List.of("nginx", "postgres", "consul")))));
        Map<String, Object> out = step.run(args("endpoints", List.of("http://127.0.0.1:9", target.uri().toString()),
                "prompt", "nginx is down on lab3. Should it be restarted? Answer in JSON.", "schema", schema,
                "stream", "true", "max_tokens", 200));

        assertThat(out.get("json")).isInstanceOf(Map.class);
        Map<?, ?> json = (Map<?, ?>) out.get("json");
        assertThat(json.get("restart")).isInstanceOf(Boolean.class);
        assertThat(json.get("services")).isInstanceOf(List.class);
        assertThat((List<Object>) json.get("services")).isSubsetOf(List.of("nginx", "postgres", "consul"));
        assertThat(out.get("time_to_first_token_ms")).isInstanceOf(Long.class);
        assertThat((List<Map<String, Object>>) out.get("failed_endpoints")).singleElement()
                .satisfies(failed -> assertThat(failed).containsEntry("endpoint", "http://127.0.0.1:9").containsEntry("kind", "connect"));
    }

    @Test
    void theStepLogTellsWhichEndpointsWereSkippedAndWhoAnswered() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble()) {
            List<String> log = new java.util.ArrayList<>();
            step.run(Map.of("endpoints", List.of("http://127.0.0.1:9", expert.url()), "prompt", "one two"), log::add);

            assertThat(log).hasSize(2);
            assertThat(log.get(0)).startsWith("skipped http://127.0.0.1:9: connection refused");
            assertThat(log.get(1)).matches("answered by " + expert.url().replace(".", "\\.")
                    + " in \\d+ ms, \\d+ prompt \\+ 4 completion tokens, finish_reason stop");
        }
    }

    @Test
    void messagesComeAfterTheSystemPromptAndThePromptComesLast() throws IOException {
        try (OpenAiDouble expert = new OpenAiDouble()) {
            step.run(Map.of("endpoints", expert.url(), "system", "You are the triage expert.",
                    "messages", List.of(Map.of("role", "user", "content", "Earlier question"),
                            Map.of("role", "assistant", "content", "Earlier answer")),
                    "prompt", "New question"));

            assertThat(expert.requests().get(0).get("messages").findValuesAsText("role"))
                    .containsExactly("system", "user", "assistant", "user");
            assertThat(expert.requests().get(0).get("messages").get(3).get("content").asText()).isEqualTo("New question");
        }
    }

    @Test
    void missingAndUnknownArgumentsAreNamedBeforeAnyCall() {
        assertThat(LlmStep.problems(Map.of("prompt", "x", "endpoint", "http://gpu1:8080")))
                .containsExactly(
                        "unknown llm argument 'endpoint' (known: [api_key, endpoints, max_tokens, messages, model, prompt, schema, stream, system, temperature, timeout])",
                        "an llm step needs 'endpoints': the URL of an OpenAI-compatible server, or a list of them to fail over through");
        assertThat(LlmStep.problems(Map.of("endpoints", "http://gpu1:8080")))
                .containsExactly("an llm step needs 'prompt' (the question) or 'messages' (a list of {role, content})");
        assertThat(LlmStep.problems(Map.of("endpoints", "http://gpu1:8080", "prompt", "x", "schema", Map.of("type", "thing"))))
                .containsExactly("the schema is not usable: $: unknown type \"thing\" (use one of [object, array, string, number, integer, boolean, null])");
    }

    @Test
    void badValuesSayWhatToWrite() {
        assertThatThrownBy(() -> step.run(Map.of("endpoints", "gpu1:8080", "prompt", "x")))
                .hasMessageStartingWith("endpoint 'gpu1:8080' is not an http(s) URL such as http://gpu1:8080");
        assertThatThrownBy(() -> step.run(Map.of("endpoints", List.of(), "prompt", "x")))
                .hasMessage("'endpoints' is empty: give at least one URL such as http://gpu1:8080");
        assertThatThrownBy(() -> step.run(Map.of("endpoints", "http://127.0.0.1:9", "prompt", "x", "timeout", "soon")))
                .hasMessage("timeout 'soon' is not a duration: write it as 30s, 2m or a number of seconds");
        assertThatThrownBy(() -> step.run(Map.of("endpoints", "http://127.0.0.1:9", "prompt", "x", "stream", "maybe")))
                .hasMessage("'stream' must be true or false, not maybe");
        assertThatThrownBy(() -> step.run(Map.of("endpoints", "http://127.0.0.1:9", "messages", List.of(Map.of("role", "user")))))
                .hasMessage("messages[0] must be a map with 'role' and 'content', not {role=user}");
        assertThatThrownBy(() -> step.run(Map.of("endpoints", "http://127.0.0.1:9", "messages", List.of(Map.of("role", "boss", "content", "x")))))
                .hasMessageStartingWith("a message's role must be one of");
    }

    @Test
    void whenNoEndpointAnswersTheStepFailsWithTheWholeStory() {
        assertThatThrownBy(() -> step.run(Map.of("endpoints", List.of("http://127.0.0.1:9", "http://127.0.0.1:7"), "prompt", "x")))
                .isInstanceOf(LlmException.class)
                .hasMessageStartingWith("all 2 llm endpoints failed: http://127.0.0.1:9: connection refused")
                .hasMessageContaining("; http://127.0.0.1:7: connection refused");
    }
}
