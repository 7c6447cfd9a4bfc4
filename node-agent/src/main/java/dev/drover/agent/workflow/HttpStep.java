package dev.drover.agent.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: http}: one HTTP request. {@code json:} sends a value as a JSON body,
 * {@code body:} sends text. The step fails on a status outside {@code expect_status}
 * (default: any 2xx) or when the endpoint cannot be reached. Outputs status, body, and json
 * when the body parses as JSON. Calls go through the shared {@link CallGuard}.
 */
final class HttpStep implements StepType {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final ObjectMapper json = new ObjectMapper();
    private final CallGuard guard;

    HttpStep(CallGuard guard) {
        this.guard = guard;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Set<String> arguments() {
        return Set.of("url", "method", "headers", "body", "json", "expect_status");
    }

    @Override
    public Set<String> required() {
        return Set.of("url");
    }

    @Override
    public StepResult run(StepCall call) throws Exception {
        Map<String, Object> args = call.args();
        URI uri = URI.create(String.valueOf(args.get("url")));
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be an http:// or https:// address, not '" + args.get("url") + "'");
        }
        String method = String.valueOf(args.getOrDefault("method", args.containsKey("json") || args.containsKey("body") ? "POST" : "GET"))
                .toUpperCase(Locale.ROOT);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(call.timeout().orElse(DEFAULT_TIMEOUT));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (args.containsKey("json")) {
            body = HttpRequest.BodyPublishers.ofString(json.writeValueAsString(args.get("json")));
            request.header("Content-Type", "application/json");
        } else if (args.containsKey("body")) {
            body = HttpRequest.BodyPublishers.ofString(String.valueOf(args.get("body")));
        }
        Values.map(args.get("headers")).forEach((k, v) -> request.header(k, String.valueOf(v)));
        request.method(method, body);
        URI endpoint = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        HttpResponse<String> response;
        try {
            response = guard.call(endpoint, () -> client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (java.net.ConnectException e) {
            // Java's own message is empty here; say what a person would check.
            throw new java.io.IOException("cannot connect to " + endpoint + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", e);
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("status", response.statusCode());
        String text = response.body();
        outputs.put("body", text.length() > ShellStep.MAX_OUTPUT ? text.substring(0, ShellStep.MAX_OUTPUT) : text);
        try {
            if (!text.isBlank()) {
                outputs.put("json", Values.plain(json.readValue(text, Object.class)));
            }
        } catch (java.io.IOException notJson) {
            // Outputs carry json only when the body is JSON.
        }
        call.log(method + " " + uri + " -> " + response.statusCode());
        if (!expected(args.get("expect_status")).contains(response.statusCode())
                && !(args.get("expect_status") == null && response.statusCode() / 100 == 2)) {
            return StepResult.failed(method + " " + uri + " answered " + response.statusCode(), outputs);
        }
        return StepResult.ok(outputs);
    }

    private static List<Integer> expected(Object value) {
        if (value == null) {
            return List.of();
        }
        List<Integer> codes = new ArrayList<>();
        for (Object code : value instanceof List<?> list ? list : List.of(value)) {
            codes.add(Integer.parseInt(String.valueOf(code).trim()));
        }
        return codes;
    }
}
