package dev.drover.agent.workflow.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an llm step's answer is checked against, and the messages a user reads when it fails. */
class LlmOutputSchemaTest {

    private final OutputSchema schema = OutputSchema.of(Map.of(
            "type", "object",
            "required", List.of("action", "confidence", "hosts"),
            "additionalProperties", false,
            "properties", Map.of(
                    "action", Map.of("type", "string", "enum", List.of("restart", "ignore")),
                    "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1),
                    "hosts", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string", "minLength", 2)),
                    "note", Map.of("type", List.of("string", "null")),
                    "retries", Map.of("type", "integer"))));

    private static JsonNode json(String text) {
        return OutputSchema.parse(text).orElseThrow();
    }

    @Test
    void aMatchingAnswerHasNoViolations() {
        assertThat(schema.violations(json("{\"action\":\"restart\",\"confidence\":0.9,\"hosts\":[\"lab1\"],\"note\":null,\"retries\":2.0}")))
                .isEmpty();
    }

    @Test
    void everyViolationIsNamedWithItsPath() {
        assertThat(schema.violations(json("{\"action\":\"reboot\",\"confidence\":1.5,\"hosts\":[\"x\", 3],\"extra\":1,\"retries\":2.5}")))
                .containsExactlyInAnyOrder(
                        "$.action: must be one of [\"restart\",\"ignore\"], got \"reboot\"",
                        "$.confidence: must be at most 1, got 1.5",
                        "$.hosts[0]: needs at least 2 characters, got 1",
                        "$.hosts[1]: expected string, got integer 3",
                        "$: field \"extra\" is not allowed (additionalProperties is false)",
                        "$.retries: expected integer, got number 2.5");
        assertThat(schema.violations(json("{\"hosts\":[]}")))
                .containsExactlyInAnyOrder(
                        "$: missing required field \"action\"",
                        "$: missing required field \"confidence\"",
                        "$.hosts: needs at least 1 items, got 0");
        assertThat(schema.violations(json("[1]"))).containsExactly("$: expected object, got array");
    }

    @Test
    void anAnswerInAMarkdownFenceIsStillRead() {
        assertThat(OutputSchema.parse("```json\n{\"a\": 1}\n```")).hasValueSatisfying(v -> assertThat(v.get("a").asInt()).isEqualTo(1));
        assertThat(OutputSchema.parse("Sure! {\"a\": 1}")).isEmpty();
        assertThat(OutputSchema.parse("")).isEmpty();
    }

    @Test
    void aSchemaWithAnUnknownTypeIsRefusedWhenLoaded() {
        assertThatThrownBy(() -> OutputSchema.of(Map.of("type", "object", "properties", Map.of("n", Map.of("type", "int")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.n: unknown type \"int\"");
        assertThatThrownBy(() -> OutputSchema.of(List.of("a")))
                .hasMessage("the schema must be a JSON schema object (a map), not array");
    }
}
