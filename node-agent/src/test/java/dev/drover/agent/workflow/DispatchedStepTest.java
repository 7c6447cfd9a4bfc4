package dev.drover.agent.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.agent.config.ConfigLoader;
import dev.drover.agent.workflow.llm.OpenAiDouble;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover-agent run-step}, the node's side of {@code runs_on: nomad}: the payload that
 * {@link RemoteStep} sends, run on this node, and the one JSON line it prints read back as the
 * step's result (the Nomad round trip itself is in WorkflowRunsOnNomadTest).
 */
class DispatchedStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anLlmStepSentThroughNomadAsksTheExpertFromTheNodeAndReturnsItsAnswer() throws Exception {
        try (OpenAiDouble expert = new OpenAiDouble().answer(request -> "{\"verdict\": \"restart\"}")) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("endpoints", java.util.List.of("http://127.0.0.1:9/v1", expert.url()));
            args.put("model", "triage");
            args.put("prompt", "disk full on node2?");
            args.put("schema", Map.of("type", "object", "required", java.util.List.of("verdict"),
                    "properties", Map.of("verdict", Map.of("type", "string"))));
            args.put("runs_on", "nomad");
            Ran ran = run(payloadOf("llm", args));

            assertThat(ran.code).isZero();
            assertThat(ran.result.path("ok").asBoolean()).isTrue();
            assertThat(ran.result.at("/outputs/json/verdict").asText()).isEqualTo("restart");
            assertThat(ran.result.at("/outputs/endpoint").asText()).isEqualTo(expert.url());
            assertThat(expert.chatCalls()).isEqualTo(1);
        }
    }

    @Test
    void aFailedStepPrintsItsErrorAndOutputsAndExitsOne() throws Exception {
        Ran ran = run(payloadOf("shell", Map.of("command", "echo partial; exit 4")));
        assertThat(ran.code).isEqualTo(1);
        assertThat(ran.result.path("ok").asBoolean()).isFalse();
        assertThat(ran.result.path("error").asText()).isEqualTo("command exited with 4");
        assertThat(ran.result.at("/outputs/stdout").asText()).isEqualTo("partial");
        assertThat(ran.result.path("log").asText()).contains("partial");
    }

    @Test
    void theSendingStepsTimeoutBoundsTheAttemptHereToo() throws Exception {
        Map<String, Object> call = callOf("shell", Map.of("command", "sleep 30"));
        call.put("timeout_seconds", 0.5);
        long begin = System.nanoTime();
        Ran ran = run(JSON.writeValueAsBytes(call));
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
        assertThat(ran.code).isEqualTo(1);
        assertThat(ran.result.path("error").asText()).isEqualTo("timed out after 0.5 s");
    }

    @Test
    void whatThisNodeCannotRunIsRefusedWithWhy() throws Exception {
        Ran approval = run(payloadOf("approval", Map.of("prompt", "go?")));
        assertThat(approval.code).isEqualTo(2);
        assertThat(approval.result.path("error").asText())
                .isEqualTo("approval steps cannot run through Nomad (runs_on: nomad is for shell, http, check, play and llm steps)");
        Ran notJson = run("echo hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.code).isEqualTo(2);
        assertThat(notJson.result.path("error").asText()).contains("is not JSON");
        Ran foreign = run("{\"type\": \"shell\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(foreign.result.path("error").asText()).endsWith("is not a step sent by a drover-agent (no \"drover_step\")");
    }

    @Test
    void theSendersPayloadCarriesTheStepButNotWhereItRuns() throws Exception {
        StepCall call = new StepCall("r1", "ask", 2, 1, Map.of("url", "http://x/", "runs_on", "nomad", "nomad_job", "mine"),
                Optional.of(Duration.ofSeconds(90)), StepCall.StepMemory.inMemory(new java.util.HashMap<>()), "ops", dir.resolve("w.yml"));
        JsonNode payload = JSON.readTree(DispatchedStep.payload(call, "http"));
        assertThat(payload.path("args").size()).isEqualTo(1);
        assertThat(payload.at("/args/url").asText()).isEqualTo("http://x/");
        assertThat(payload.path("item").asInt()).isEqualTo(2);
        assertThat(payload.path("timeout_seconds").asDouble()).isEqualTo(90.0);
        assertThat(payload.path("workflow_file").asText()).isEqualTo(dir.resolve("w.yml").toString());
    }

    private record Ran(int code, JsonNode result) {
    }

    private Ran run(byte[] payload) throws Exception {
        Path file = dir.resolve("step.json");
        Files.write(file, payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DispatchedStep.run(file, ConfigLoader.defaults(), "node-x", new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode result = DispatchedStep.result(out.toString(StandardCharsets.UTF_8));
        assertThat(result).as("the result line in: " + out).isNotNull();
        return new Ran(code, result);
    }

    private byte[] payloadOf(String type, Map<String, Object> args) throws Exception {
        return JSON.writeValueAsBytes(callOf(type, args));
    }

    private Map<String, Object> callOf(String type, Map<String, Object> args) {
        StepCall call = new StepCall("r1", "s1", -1, 1, args, Optional.empty(), StepCall.StepMemory.inMemory(new java.util.HashMap<>()), "test", dir.resolve("w.yml"));
        try {
            return new LinkedHashMap<>(JSON.readValue(DispatchedStep.payload(call, type), Map.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
