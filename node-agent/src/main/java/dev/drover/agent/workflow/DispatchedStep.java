package dev.drover.agent.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drover.UserError;
import dev.drover.agent.checks.CheckFiles;
import dev.drover.agent.config.AgentConfig;
import dev.drover.agent.workflow.llm.CircuitBreakers;
import dev.drover.agent.workflow.llm.LlmClient;
import dev.drover.agent.workflow.llm.LlmStep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The other end of {@link RemoteStep}: a step another node's agent sent through Nomad, run by
 * {@code drover-agent run-step} on the node Nomad picked, as if it were this node's own step —
 * check files are this node's, a playbook's path is read here — and its result printed as one
 * JSON line on stdout for the sending agent to read back from Nomad's logs.
 *
 * <p>The payload: {@code {"drover_step": 1, "type", "args", "run_id", "step_id", "item",
 * "attempt", "who", "workflow_file", "timeout_seconds"}}. The result: {@code {"drover_step_result": 1,
 * "ok", "outputs", "error", "log"}}. Each run is its own process: circuit breakers start closed.
 */
public final class DispatchedStep {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYLOAD_MARK = "drover_step";
    private static final String RESULT_MARK = "drover_step_result";

    private DispatchedStep() {
    }

    /** The step as the dispatch's payload: its type and rendered arguments, and where in which run it is. */
    static byte[] payload(StepCall call, String type) throws JsonProcessingException {
        Map<String, Object> args = new LinkedHashMap<>(call.args());
        args.remove("runs_on");
        args.remove("nomad_job");
        ObjectNode payload = JSON.createObjectNode();
        payload.put(PAYLOAD_MARK, 1);
        payload.put("type", type);
        payload.set("args", JSON.valueToTree(args));
        payload.put("run_id", call.runId());
        payload.put("step_id", call.stepId());
        payload.put("item", call.item());
        payload.put("attempt", call.attempt());
        payload.put("who", call.who());
        payload.put("workflow_file", call.workflowFile().toAbsolutePath().toString());
        call.timeout().ifPresent(t -> payload.put("timeout_seconds", t.toMillis() / 1000.0));
        return JSON.writeValueAsBytes(payload);
    }

    /** The result line a run printed (its last JSON line with the mark), or null when there is none. */
    static JsonNode result(String stdout) {
        String[] lines = stdout.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("{") && line.contains(RESULT_MARK)) {
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.has(RESULT_MARK)) {
                        return node;
                    }
                } catch (JsonProcessingException e) {
                    // not the result line; keep looking
                }
            }
        }
        return null;
    }

    /**
     * Runs the step in {@code payloadFile} on this node and prints its result. Exit code 0 when
     * the step succeeded, 1 when it failed, 2 when the payload is not a step this node can run.
     */
    public static int run(Path payloadFile, AgentConfig config, String hostName, PrintStream out) throws IOException {
        JsonNode payload;
        try {
            payload = JSON.readTree(Files.readString(payloadFile));
        } catch (JsonProcessingException e) {
            return refuse(out, payloadFile + " is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.has(PAYLOAD_MARK)) {
            return refuse(out, payloadFile + " is not a step sent by a drover-agent (no \"" + PAYLOAD_MARK + "\")");
        }
        String typeName = payload.path("type").asText();
        StepType type;
        try {
            type = typeOnThisNode(typeName, config, hostName);
        } catch (IllegalArgumentException e) {
            return refuse(out, e.getMessage());
        } catch (UserError e) {
            return refuse(out, "this node's agent config: " + e.describe());
        }
        Optional<Duration> timeout = payload.has("timeout_seconds")
                ? Optional.of(Duration.ofMillis((long) (payload.get("timeout_seconds").asDouble() * 1000))) : Optional.empty();
        Map<String, String> memory = new HashMap<>();
        StepCall call = new StepCall(payload.path("run_id").asText(), payload.path("step_id").asText(), payload.path("item").asInt(-1),
                payload.path("attempt").asInt(1), Values.map(JSON.convertValue(payload.path("args"), Object.class)), timeout,
                StepCall.StepMemory.inMemory(memory), payload.path("who").asText("nomad"), Path.of(payload.path("workflow_file").asText("workflow.yml")));
        StepResult result = attempt(type, call, timeout);
        print(out, result.ok(), result.outputs(), result.error(), call.logText());
        return result.ok() ? 0 : 1;
    }

    /** The step types a dispatched step may have, as this node's agent would run them. */
    private static StepType typeOnThisNode(String name, AgentConfig config, String hostName) {
        return switch (name) {
            case "http" -> new HttpStep(new CircuitBreakers()::call);
            case "check" -> new CheckStep(CheckFiles.load(config, hostName));
            case "play" -> new PlayStep();
            case "llm" -> new LlmStepType(new LlmStep(new LlmClient(new CircuitBreakers())));
            case "shell" -> new ShellStep();
            default -> throw new IllegalArgumentException(name + " steps cannot run through Nomad"
                    + " (runs_on: nomad is for shell, http, check, play and llm steps)");
        };
    }

    /** One attempt, given up after the sending step's timeout (the sender stops waiting then too). */
    private static StepResult attempt(StepType type, StepCall call, Optional<Duration> timeout) {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dispatched-step");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<StepResult> running = thread.submit(() -> type.run(call));
            return timeout.isPresent() ? running.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS) : running.get();
        } catch (TimeoutException e) {
            long millis = timeout.map(Duration::toMillis).orElse(0L);
            return StepResult.failed("timed out after " + (millis % 1000 == 0 ? millis / 1000 : millis / 1000.0) + " s", Map.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return StepResult.failed(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.failed("interrupted", Map.of());
        } finally {
            thread.shutdownNow();
        }
    }

    private static int refuse(PrintStream out, String why) {
        print(out, false, Map.of(), why, "");
        return 2;
    }

    private static void print(PrintStream out, boolean ok, Map<String, Object> outputs, String error, String log) {
        ObjectNode result = JSON.createObjectNode();
        result.put(RESULT_MARK, 1);
        result.put("ok", ok);
        result.set("outputs", JSON.valueToTree(outputs));
        if (error != null) {
            result.put("error", error);
        }
        result.put("log", log);
        out.println(result.toString());
        out.flush();
    }
}
