package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.drover.agent.config.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The {@code llm} step: a chat completion with the step's (already templated) arguments, its
 * outputs a map later steps and conditions read.
 *
 * <p>Arguments: {@code endpoints} (a URL or a list, tried in order), {@code model},
 * {@code messages} (a list of {role, content}) and/or {@code prompt} (appended as the last user
 * message), {@code system} (put first), {@code schema} (a JSON schema the answer must match),
 * {@code stream}, {@code temperature}, {@code max_tokens}, {@code timeout} (per endpoint, "30s",
 * "2m" or seconds; default 120s), {@code api_key}.
 *
 * <p>Outputs: {@code content}, {@code json} (with a schema: the parsed answer as maps and lists),
 * {@code endpoint} (the one that answered), {@code model}, {@code finish_reason}, {@code usage}
 * (prompt_tokens, completion_tokens, total_tokens; empty when the server gave none),
 * {@code timings} (llama-server's, when given), {@code duration_ms}, {@code time_to_first_token_ms}
 * (streamed only) and {@code failed_endpoints} (those tried first, with why).
 */
public final class LlmStep {

    public static final Set<String> ARGUMENTS = Set.of("endpoints", "model", "messages", "prompt", "system", "schema",
            "stream", "temperature", "max_tokens", "timeout", "api_key");

    /** Required before templating; one of prompt and messages is required too (see {@link #problems}). */
    public static final Set<String> REQUIRED = Set.of("endpoints");

    private final LlmClient client;

    public LlmStep(LlmClient client) {
        this.client = client;
    }

    /**
     * Problems a workflow file's llm step has before any templating: unknown or missing arguments.
     * Values that may still be templates are checked when the step runs.
     */
    public static List<String> problems(Map<String, Object> args) {
        List<String> problems = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(args.keySet());
        unknown.removeAll(ARGUMENTS);
        for (String name : unknown) {
            problems.add("unknown llm argument '" + name + "' (known: " + new TreeSet<>(ARGUMENTS) + ")");
        }
        if (!args.containsKey("endpoints")) {
            problems.add("an llm step needs 'endpoints': the URL of an OpenAI-compatible server, or a list of them to fail over through");
        }
        if (!args.containsKey("messages") && !args.containsKey("prompt")) {
            problems.add("an llm step needs 'prompt' (the question) or 'messages' (a list of {role, content})");
        }
        if (args.get("schema") instanceof Map<?, ?> schema) {
            try {
                OutputSchema.of(schema);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    public Map<String, Object> run(Map<String, Object> args) {
        return run(args, line -> { });
    }

    /**
     * As {@link #run(Map)}, telling {@code log} the failover story and the answer's figures in lines
     * a person reads in the step's log. Throws {@link LlmException} (its message names every endpoint
     * tried and why) or {@link IllegalArgumentException} for bad arguments.
     */
    public Map<String, Object> run(Map<String, Object> args, Consumer<String> log) {
        List<String> problems = problems(args);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        ChatRequest request = request(args);
        ChatResponse response = client.chat(endpoints(args.get("endpoints")), request);
        for (EndpointFailure failure : response.failures()) {
            log.accept("skipped " + failure.describe());
        }
        log.accept("answered by " + response.endpoint() + " in " + response.duration().toMillis() + " ms"
                + (response.usage() == null ? "" : ", " + response.usage().promptTokens() + " prompt + "
                + response.usage().completionTokens() + " completion tokens")
                + (response.finishReason() == null ? "" : ", finish_reason " + response.finishReason()));
        return outputs(response);
    }

    static ChatRequest request(Map<String, Object> args) {
        List<ChatMessage> messages = new ArrayList<>();
        if (args.get("system") != null) {
            messages.add(ChatMessage.system(text(args, "system")));
        }
        if (args.get("messages") != null) {
            messages.addAll(messages(args.get("messages")));
        }
        if (args.get("prompt") != null) {
            messages.add(ChatMessage.user(text(args, "prompt")));
        }
        ChatRequest request = ChatRequest.of(messages)
                .withStream(flag(args, "stream"))
                .withTimeout(timeout(args.get("timeout")));
        if (args.get("model") != null) {
            request = request.withModel(text(args, "model"));
        }
        if (args.get("schema") != null) {
            request = request.withSchema(OutputSchema.of(args.get("schema")));
        }
        if (args.get("temperature") != null) {
            request = request.withTemperature(number(args, "temperature").doubleValue());
        }
        if (args.get("max_tokens") != null) {
            request = request.withMaxTokens(number(args, "max_tokens").intValue());
        }
        if (args.get("api_key") != null) {
            request = request.withApiKey(text(args, "api_key"));
        }
        return request;
    }

    static Map<String, Object> outputs(ChatResponse response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", response.content());
        if (response.json() != null) {
            out.put("json", ChatWire.JSON.convertValue(response.json(), new TypeReference<Object>() { }));
        }
        out.put("endpoint", response.endpoint().toString());
        out.put("model", response.model());
        out.put("finish_reason", response.finishReason());
        out.put("usage", response.usage() == null ? Map.of() : response.usage().asMap());
        if (response.timings() != null) {
            out.put("timings", ChatWire.JSON.convertValue(response.timings(), new TypeReference<Map<String, Object>>() { }));
        }
        out.put("duration_ms", response.duration().toMillis());
        if (response.timeToFirstToken() != null) {
            out.put("time_to_first_token_ms", response.timeToFirstToken().toMillis());
        }
        List<Map<String, Object>> failed = new ArrayList<>();
        for (EndpointFailure failure : response.failures()) {
            failed.add(Map.of("endpoint", failure.endpoint().toString(), "error", failure.detail(),
                    "kind", failure.kind().name().toLowerCase()));
        }
        out.put("failed_endpoints", failed);
        return out;
    }

    static List<URI> endpoints(Object value) {
        List<?> given = value instanceof List<?> list ? list : List.of(value == null ? "" : value);
        if (given.isEmpty()) {
            throw new IllegalArgumentException("'endpoints' is empty: give at least one URL such as http://gpu1:8080");
        }
        List<URI> uris = new ArrayList<>();
        for (Object one : given) {
            String text = String.valueOf(one).trim();
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(text, "not an http(s) URL with a host");
                }
                uris.add(uri);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint '" + text + "' is not an http(s) URL such as http://gpu1:8080 ("
                        + e.getReason() + ")");
            }
        }
        return uris;
    }

    private static List<ChatMessage> messages(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("'messages' must be a list of {role, content}, not " + value);
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map) || !(map.get("role") instanceof String role) || map.get("content") == null) {
                throw new IllegalArgumentException("messages[" + i + "] must be a map with 'role' and 'content', not " + list.get(i));
            }
            messages.add(new ChatMessage(role, String.valueOf(map.get("content"))));
        }
        return messages;
    }

    private static Duration timeout(Object value) {
        if (value == null) {
            return ChatRequest.DEFAULT_TIMEOUT;
        }
        Duration parsed = DurationText.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "timeout '" + value + "' is not a duration: write it as 30s, 2m or a number of seconds"));
        if (parsed.isZero()) {
            throw new IllegalArgumentException("timeout must be more than zero");
        }
        return parsed;
    }

    private static String text(Map<String, Object> args, String name) {
        return String.valueOf(args.get(name));
    }

    private static boolean flag(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        String text = String.valueOf(value).trim().toLowerCase();
        if (Set.of("true", "yes", "on", "1").contains(text)) {
            return true;
        }
        if (Set.of("false", "no", "off", "0", "").contains(text)) {
            return false;
        }
        throw new IllegalArgumentException("'" + name + "' must be true or false, not " + value);
    }

    private static Number number(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value instanceof Number n) {
            return n;
        }
        try {
            return Double.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be a number, not " + value);
        }
    }
}
