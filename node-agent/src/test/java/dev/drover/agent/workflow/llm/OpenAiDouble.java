package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A contract double of llama-server's OpenAI-compatible API, bound to loopback (or the address given:
 * the tests module's lab tests bind it on the lab bridge) on a free port,
 * shaped field by field on llama.cpp's tools/server/README.md and on what llama-server sends:
 *
 * <ul>
 * <li>GET /health: 200 {"status":"ok"}, or 503 {"error":{"code":503,"message":"Loading model",
 *     "type":"unavailable_error"}} while "loading".</li>
 * <li>GET /v1/models: {"object":"list","data":[{"id","object":"model","created","owned_by":"llamacpp","meta"}]}.</li>
 * <li>POST /v1/chat/completions, non-streamed: {"choices":[{"finish_reason","index":0,"message":{"role":
 *     "assistant","content"}}],"created","id":"chatcmpl-…","model","system_fingerprint","object":
 *     "chat.completion","usage":{"completion_tokens","prompt_tokens","total_tokens"},"timings":{"cache_n",
 *     "prompt_n","prompt_ms","prompt_per_token_ms","prompt_per_second","predicted_n","predicted_ms",
 *     "predicted_per_token_ms","predicted_per_second"}}.</li>
 * <li>Streamed (text/event-stream): a first chunk whose delta is {"role":"assistant","content":null}, one
 *     chunk per token with delta {"content"}, a last chunk with an empty delta, the finish_reason, usage and
 *     timings (as llama-server sends them), then {@code data: [DONE]}. With {@link #openAiUsageChunk} it adds
 *     OpenAI's separate usage chunk with an empty choices list when stream_options.include_usage is true.</li>
 * <li>Request checks as llama-server makes them: a body that is not JSON, a missing or non-array
 *     {@code messages}, a non-assistant message without content, {@code n} other than 1 or an unknown
 *     {@code response_format.type} are 400s with {"error":{"code":400,"message","type":"invalid_request_error"}};
 *     with an API key set, a missing or wrong bearer token is a 401 "authentication_error".</li>
 * <li>The schema is taken where llama-server takes it: {@code response_format.json_schema.schema} for type
 *     json_schema, {@code response_format.schema} for type json_object, or the top-level {@code json_schema}
 *     field; the flat {"type":"json_schema","schema":…} form is ignored there and here. The "model" then
 *     answers the smallest JSON matching the schema, as a grammar-constrained model would.</li>
 * <li>{@code max_tokens} cuts the answer, finish_reason "length".</li>
 * </ul>
 * It can be told to fail: HTTP 500 / 503 / 429, stall past any timeout, cut a stream short, or answer garbage.
 */
public final class OpenAiDouble implements AutoCloseable {

    public enum Fault { NONE, HTTP_500, LOADING_503, TOO_MANY_429, STALL, CUT_STREAM, NOT_JSON }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("(?<=\\S)(?=\\s)");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final String model;
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<JsonNode> schemas = new ArrayList<>();
    private final AtomicInteger chatCalls = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile int faultsLeft = Integer.MAX_VALUE;
    private volatile Function<JsonNode, String> responder = OpenAiDouble::defaultAnswer;
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile Duration stall = Duration.ofSeconds(30);
    private volatile String apiKey;
    private volatile boolean openAiUsageChunk;

    public OpenAiDouble() throws IOException {
        this("double-expert");
    }

    /** Listening on {@code bindAddress} instead of loopback, so lab hosts can reach it (the lab bridge 10.77.0.1). */
    public OpenAiDouble(InetAddress bindAddress) throws IOException {
        this("double-expert", bindAddress);
    }

    OpenAiDouble(String model) throws IOException {
        this(model, InetAddress.getByName("127.0.0.1"));
    }

    private OpenAiDouble(String model, InetAddress bindAddress) throws IOException {
        this.model = model;
        server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every following request fails so. */
    public OpenAiDouble fail(Fault kind) {
        faultsLeft = Integer.MAX_VALUE;
        fault = kind;
        return this;
    }

    /** The next {@code count} chat requests fail so, then it answers again. */
    OpenAiDouble failNext(int count, Fault kind) {
        faultsLeft = count;
        fault = kind;
        return this;
    }

    OpenAiDouble heal() {
        fault = Fault.NONE;
        return this;
    }

    public OpenAiDouble answer(Function<JsonNode, String> contentForRequest) {
        responder = contentForRequest;
        return this;
    }

    OpenAiDouble tokenDelay(Duration delay) {
        tokenDelay = delay;
        return this;
    }

    OpenAiDouble stallFor(Duration duration) {
        stall = duration;
        return this;
    }

    OpenAiDouble requireApiKey(String key) {
        apiKey = key;
        return this;
    }

    OpenAiDouble openAiUsageChunk(boolean on) {
        openAiUsageChunk = on;
        return this;
    }

    /** The chat completion bodies received, oldest first. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The schema llama-server would have constrained each request's output with (a NullNode when none). */
    synchronized List<JsonNode> schemas() {
        return List.copyOf(schemas);
    }

    public int chatCalls() {
        return chatCalls.get();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && (path.equals("/health") || path.equals("/v1/health"))) {
                if (currentFault() == Fault.LOADING_503) {
                    error(exchange, 503, "Loading model", "unavailable_error");
                } else {
                    send(exchange, 200, JSON.createObjectNode().put("status", "ok"));
                }
            } else if (method.equals("GET") && (path.equals("/v1/models") || path.equals("/models"))) {
                ObjectNode list = JSON.createObjectNode().put("object", "list");
                list.putArray("data").addObject().put("id", model).put("object", "model")
                        .put("created", System.currentTimeMillis() / 1000).put("owned_by", "llamacpp").putNull("meta");
                send(exchange, 200, list);
            } else if (method.equals("POST") && (path.equals("/v1/chat/completions") || path.equals("/chat/completions"))) {
                chat(exchange);
            } else {
                error(exchange, 404, "File Not Found", "not_found_error");
            }
        }
    }

    private Fault currentFault() {
        return faultsLeft > 0 ? fault : Fault.NONE;
    }

    private Fault takeFault() {
        synchronized (this) {
            if (fault == Fault.NONE || faultsLeft <= 0) {
                return Fault.NONE;
            }
            if (faultsLeft != Integer.MAX_VALUE) {
                faultsLeft--;
            }
            return fault;
        }
    }

    private void chat(HttpExchange exchange) throws IOException {
        chatCalls.incrementAndGet();
        if (apiKey != null && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "Invalid API Key", "authentication_error");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            error(exchange, 400, "request body is not valid JSON: " + e.getMessage(), "invalid_request_error");
            return;
        }
        String invalid = invalid(body);
        if (invalid != null) {
            error(exchange, 400, invalid, "invalid_request_error");
            return;
        }
        JsonNode schema = schemaOf(body);
        synchronized (this) {
            requests.add(body);
            schemas.add(schema);
        }
        Fault now = takeFault();
        switch (now) {
            case HTTP_500 -> {
                error(exchange, 500, "the double was told to fail", "server_error");
                return;
            }
            case LOADING_503 -> {
                error(exchange, 503, "Loading model", "unavailable_error");
                return;
            }
            case TOO_MANY_429 -> {
                error(exchange, 429, "all slots are busy", "unavailable_error");
                return;
            }
            case STALL -> {
                try {
                    Thread.sleep(stall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            case NOT_JSON -> {
                byte[] page = "<html><body>502 Bad Gateway (not really)</body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                return;
            }
            default -> {
            }
        }
        String content = responder.apply(schema.isNull() ? body : withSchema(body, schema));
        List<String> tokens = tokens(content);
        String finish = "stop";
        if (body.hasNonNull("max_tokens") && body.get("max_tokens").asInt() > 0 && tokens.size() > body.get("max_tokens").asInt()) {
            tokens = tokens.subList(0, body.get("max_tokens").asInt());
            finish = "length";
        }
        int promptTokens = promptTokens(body);
        if (body.path("stream").asBoolean(false)) {
            stream(exchange, body, tokens, finish, promptTokens, now == Fault.CUT_STREAM);
        } else {
            ObjectNode answer = envelope("chat.completion");
            ObjectNode choice = answer.putArray("choices").addObject();
            choice.put("finish_reason", finish).put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", String.join("", tokens));
            answer.set("usage", usage(promptTokens, tokens.size()));
            answer.set("timings", timings(promptTokens, tokens.size()));
            send(exchange, 200, answer);
        }
    }

    private void stream(HttpExchange exchange, JsonNode body, List<String> tokens, String finish, int promptTokens,
                        boolean cut) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode first = chunk(id);
        first.putArray("choices").addObject().putNull("finish_reason").put("index", 0)
                .putObject("delta").put("role", "assistant").putNull("content");
        event(out, first);
        for (int i = 0; i < tokens.size(); i++) {
            if (cut && i == Math.max(1, tokens.size() / 2)) {
                return; // the connection closes mid-answer: no finish_reason, no [DONE]
            }
            pause();
            ObjectNode piece = chunk(id);
            piece.putArray("choices").addObject().putNull("finish_reason").put("index", 0)
                    .putObject("delta").put("content", tokens.get(i));
            event(out, piece);
        }
        if (cut) {
            return;
        }
        ObjectNode last = chunk(id);
        last.putArray("choices").addObject().put("finish_reason", finish).put("index", 0).putObject("delta");
        last.set("usage", usage(promptTokens, tokens.size()));
        last.set("timings", timings(promptTokens, tokens.size()));
        event(out, last);
        if (openAiUsageChunk && body.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageOnly = chunk(id);
            usageOnly.putArray("choices");
            usageOnly.set("usage", usage(promptTokens, tokens.size()));
            event(out, usageOnly);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause() {
        if (!tokenDelay.isZero()) {
            try {
                Thread.sleep(tokenDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void event(OutputStream out, JsonNode chunk) throws IOException {
        out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private ObjectNode chunk(String id) {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("created", System.currentTimeMillis() / 1000).put("id", id).put("model", model)
                .put("system_fingerprint", "b0000-double").put("object", "chat.completion.chunk");
        return chunk;
    }

    private ObjectNode envelope(String object) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("created", System.currentTimeMillis() / 1000)
                .put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""))
                .put("model", model).put("system_fingerprint", "b0000-double").put("object", object);
        return answer;
    }

    private static ObjectNode usage(int prompt, int completion) {
        return JSON.createObjectNode().put("completion_tokens", completion).put("prompt_tokens", prompt)
                .put("total_tokens", prompt + completion);
    }

    private static ObjectNode timings(int prompt, int predicted) {
        double promptMs = prompt * 0.5;
        double predictedMs = Math.max(1, predicted) * 2.0;
        return JSON.createObjectNode().put("cache_n", 0).put("prompt_n", prompt).put("prompt_ms", promptMs)
                .put("prompt_per_token_ms", 0.5).put("prompt_per_second", 2000.0)
                .put("predicted_n", predicted).put("predicted_ms", predictedMs)
                .put("predicted_per_token_ms", 2.0).put("predicted_per_second", 500.0);
    }

    private static String invalid(JsonNode body) {
        if (!body.isObject()) {
            return "the request body must be a JSON object";
        }
        if (!body.has("messages")) {
            return "'messages' is required";
        }
        if (!body.get("messages").isArray()) {
            return "'messages' must be an array";
        }
        for (JsonNode message : body.get("messages")) {
            if (!"assistant".equals(message.path("role").asText()) && !message.has("content")) {
                return "every message but the assistant's must have a 'content'";
            }
        }
        if (body.has("n") && body.get("n").asInt(1) != 1) {
            return "only one completion choice (n = 1) can be asked for";
        }
        String type = body.path("response_format").path("type").asText("");
        if (!type.isEmpty() && !type.equals("text") && !type.equals("json_object") && !type.equals("json_schema")) {
            return "response_format type must be text, json_object or json_schema, got: " + type;
        }
        return null;
    }

    private static JsonNode schemaOf(JsonNode body) {
        JsonNode format = body.path("response_format");
        String type = format.path("type").asText("");
        if (type.equals("json_schema")) {
            JsonNode schema = format.path("json_schema").path("schema");
            return schema.isObject() ? schema : JSON.createObjectNode();
        }
        if (type.equals("json_object")) {
            return format.path("schema").isObject() ? format.get("schema") : JSON.createObjectNode();
        }
        return body.path("json_schema").isObject() ? body.get("json_schema") : JSON.nullNode();
    }

    private static JsonNode withSchema(JsonNode body, JsonNode schema) {
        ObjectNode copy = body.deepCopy();
        copy.set("_effective_schema", schema);
        return copy;
    }

    private static int promptTokens(JsonNode body) {
        int count = 0;
        for (JsonNode message : body.get("messages")) {
            count += 4 + tokens(message.path("content").asText("")).size();
        }
        return count;
    }

    static List<String> tokens(String content) {
        return content.isEmpty() ? List.of() : List.of(TOKEN.split(content, -1));
    }

    /** Without a schema it echoes the last user message; with one, it gives the smallest matching JSON. */
    static String defaultAnswer(JsonNode body) {
        JsonNode schema = body.get("_effective_schema");
        if (schema != null) {
            return smallest(schema).toString();
        }
        String last = "";
        for (JsonNode message : body.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                last = message.path("content").asText();
            }
        }
        return "You said: " + last;
    }

    static JsonNode smallest(JsonNode schema) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        JsonNode typeNode = schema.path("type");
        String type = typeNode.isArray() ? typeNode.path(0).asText() : typeNode.asText(schema.has("properties") ? "object" : "object");
        switch (type) {
            case "string":
                return JSON.getNodeFactory().textNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
            case "integer":
                return JSON.getNodeFactory().numberNode(schema.path("minimum").asInt(0));
            case "number":
                return JSON.getNodeFactory().numberNode(schema.path("minimum").asDouble(0.5));
            case "boolean":
                return JSON.getNodeFactory().booleanNode(true);
            case "null":
                return JSON.nullNode();
            case "array": {
                ArrayNode array = JSON.createArrayNode();
                for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
                    array.add(smallest(schema.path("items")));
                }
                return array;
            }
            default: {
                ObjectNode object = JSON.createObjectNode();
                JsonNode properties = schema.path("properties");
                for (JsonNode name : schema.path("required")) {
                    object.set(name.asText(), smallest(properties.path(name.asText())));
                }
                return object;
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String message, String type) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status).put("message", message).put("type", type);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
