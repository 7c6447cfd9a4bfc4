package dev.drover.modules.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.modules.Arg;
import dev.drover.modules.ArgSpec;
import dev.drover.modules.ArgType;
import dev.drover.modules.Module;
import dev.drover.modules.ModuleArgs;
import dev.drover.modules.ModuleContext;
import dev.drover.modules.ModuleResult;
import dev.drover.modules.files.RemotePath;
import dev.drover.transport.CommandResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ansible's uri: one HTTP request made on the host with curl, reported as Ansible reports
 * it: status, final url, redirected, msg, every response header as a lower-case key
 * (dashes become underscores), json for JSON responses, content on request; a status not in
 * {@code status_code} fails. Like Ansible's module, which does not support check mode, it
 * is skipped in check mode.
 */
public final class Uri implements Module {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ArgSpec SPEC = ArgSpec.of(
            Arg.str("url").mandatory(),
            Arg.str("method").defaultsTo("GET"),
            Arg.raw("body"),
            Arg.str("body_format").defaultsTo("raw").choices("form-urlencoded", "json", "raw", "form-multipart"),
            Arg.of("headers", ArgType.DICT).defaultsTo(Map.of()),
            Arg.of("status_code", ArgType.LIST).defaultsTo(List.of(200)),
            Arg.bool("return_content", false),
            Arg.of("timeout", ArgType.INT).defaultsTo(30L),
            Arg.bool("validate_certs", true),
            Arg.str("url_username").aliases("user"),
            Arg.str("url_password").aliases("password"),
            Arg.bool("force_basic_auth", false),
            Arg.str("follow_redirects").defaultsTo("safe").choices("all", "no", "none", "safe", "urllib2", "yes"),
            Arg.path("creates"),
            Arg.path("removes"),
            Arg.str("http_agent").defaultsTo("ansible-httpget"),
            Arg.bool("force", false),
            Arg.bool("use_proxy", true),
            Arg.bool("decompress", true),
            Arg.bool("use_netrc", true),
            Arg.of("unredirected_headers", ArgType.LIST).defaultsTo(List.of()));

    @Override
    public String name() {
        return "uri";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleArgs args, ModuleContext context) throws IOException {
        if (context.checkMode()) {
            return ModuleResult.builder().put("skipped", true).msg("remote module (uri) does not support check mode").build();
        }
        String url = args.string("url");
        String method = args.string("method").toUpperCase(Locale.ROOT);
        if (!method.matches("^[A-Z]+$")) {
            return ModuleResult.failed("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
        }
        String format = args.string("body_format").toLowerCase(Locale.ROOT);
        if (format.equals("form-multipart")) {
            return ModuleResult.failed("body_format=form-multipart is not supported by drover yet");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        args.dict("headers").forEach((k, v) -> headers.put(k, String.valueOf(v)));
        String body;
        try {
            body = args.given("body") || format.equals("json") && args.has("body") ? UriBody.encode(args.get("body"), format) : null;
        } catch (IllegalArgumentException e) {
            return ModuleResult.builder().failed(e.getMessage()).put("elapsed", 0).build();
        }
        String type = UriBody.contentType(format);
        if (type != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
            headers.put("Content-Type", type);
        }
        List<Integer> statusCodes = new ArrayList<>();
        for (Object code : args.list("status_code")) {
            statusCodes.add(Integer.parseInt(String.valueOf(code).trim()));
        }
        if (args.has("creates") && exists(context, args.string("creates"))) {
            return ModuleResult.builder().put("stdout", "skipped, since '" + args.string("creates") + "' exists").build();
        }
        if (args.has("removes") && !exists(context, args.string("removes"))) {
            return ModuleResult.builder().put("stdout", "skipped, since '" + args.string("removes") + "' does not exist")
                    .build();
        }
        String follow = args.string("follow_redirects");
        boolean followRedirects = switch (follow) {
            case "all", "yes" -> true;
            case "safe", "urllib2" -> method.equals("GET") || method.equals("HEAD");
            default -> false;
        };
        HttpRequest request = new HttpRequest(method, url, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), args.integer("timeout"),
                args.bool("validate_certs"), args.string("url_username"), args.string("url_password"), followRedirects,
                args.string("http_agent"));

        Instant start = Instant.now();
        String sh = "o=$(mktemp) || exit 1\n" + request.script(false) + "printf 'B '; base64 -w0 \"$o\"; echo; rm -f -- \"$o\"\n";
        CommandResult ran = context.target().run(sh, request.body() == null ? new byte[0] : request.body());
        long elapsed = Duration.between(start, Instant.now()).toSeconds();
        List<String> lines = List.of(ran.out().split("\n"));
        HttpResponse response = HttpResponse.parse(lines, url);
        if (response.noTool()) {
            return ModuleResult.failed("uri needs curl on the host; install it first (apt: curl)");
        }
        byte[] content = lines.stream().filter(l -> l.startsWith("B ")).findFirst()
                .map(l -> Base64.getDecoder().decode(l.substring(2).trim())).orElse(new byte[0]);
        return report(url, response, content, elapsed, statusCodes, args.bool("return_content"));
    }

    static ModuleResult report(String url, HttpResponse response, byte[] content, long elapsed, List<Integer> statusCodes,
                               boolean returnContent) {
        String contentType = response.headers().getOrDefault("content-type", "application/octet-stream");
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String subType = mediaType.contains("/") ? mediaType.substring(mediaType.indexOf('/') + 1) : "";
        String suffix = subType.contains("+") ? subType.substring(subType.indexOf('+') + 1) : subType;
        boolean maybeJson = suffix.equals("json") || suffix.equals("javascript");
        Charset charset = charsetOf(contentType);
        String text = new String(content, charset);

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("redirected", !response.url().equals(url));
        fields.put("url", response.url());
        response.headers().forEach((name, value) -> fields.put(name.replace('-', '_').toLowerCase(Locale.ROOT), value));
        // urllib raises HTTPError for anything but 2xx (a redirect not followed too): no cookies then, and the
        // body stays in the result as "body" unless Ansible read it as content.
        boolean httpError = response.status() != -1 && (response.status() < 200 || response.status() >= 300);
        boolean readContent = maybeJson || returnContent || !statusCodes.contains(response.status());
        if (response.status() != -1 && !httpError) {
            fields.put("cookies_string", "");
            fields.put("cookies", Map.of());
        }
        if (httpError && !readContent) {
            fields.put("body", text);
        }
        fields.put("msg", response.msg());
        fields.put("status", response.status());
        fields.put("elapsed", elapsed);
        fields.put("changed", false);
        if (fields.get("location") instanceof String location) {
            fields.put("location", absoluteLocation(url, location));
        }
        if (maybeJson && response.status() != -1) {
            try {
                fields.put("json", JSON.readValue(text, Object.class));
            } catch (IOException notJson) {
                // Ansible leaves json out when the body does not parse.
            }
        }
        ModuleResult.Builder result = ModuleResult.builder().putAll(fields);
        if (!statusCodes.contains(response.status())) {
            result.failed("Status code was " + response.status() + " and not " + statusCodes + ": " + response.msg());
        }
        if (returnContent) {
            result.put("content", text);
        }
        return result.build();
    }

    /** Ansible's absolute_location, quirks included: the request's path is cut out of the URL as text. */
    static String absoluteLocation(String url, String location) {
        if (location.contains("://")) {
            return location;
        }
        if (location.startsWith("/")) {
            String path = URI.create(url).getRawPath();
            String base = path == null || path.isEmpty() ? url : url.replace(path, "");
            return base + location;
        }
        int slash = url.lastIndexOf('/');
        return (slash < 0 ? "" : url.substring(0, slash)) + "/" + location;
    }

    private static Charset charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean exists(ModuleContext context, String path) throws IOException {
        return context.target().run("test -e " + RemotePath.word(path)).ok();
    }
}
