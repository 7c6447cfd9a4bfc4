package dev.drover.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the double answers for /v1/jobs/parse. It parses no HCL: it knows the HCL fixture in
 * test resources (nomad/web.nomad.hcl) by its exact text and answers with the canonical JSON
 * job it stands for (nomad/web.nomad.json, with "${var.NAME}" where the job uses a variable).
 * The Variables text is read only as {@code name = "value"} lines, which is all drover sends.
 * Any other HCL gets the 400 Nomad gives for a parse error.
 */
final class HclFixtures {

    private static final Pattern VARIABLE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$",
            Pattern.MULTILINE);
    static final Map<String, String> DEFAULTS = Map.of("image", "nginx:1.27", "count", "1");

    private HclFixtures() {
    }

    static String hcl() {
        return resource("nomad/web.nomad.hcl");
    }

    static JsonNode parse(JsonNode body) {
        String hcl = body.path("JobHCL").asText();
        if (!hcl.equals(hcl())) {
            throw new DoubleCluster.ApiError(400, "error parsing: input.hcl:1,1-1: the Nomad double knows only the HCL "
                    + "fixture nomad/web.nomad.hcl; use JSON jobs in tests");
        }
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Matcher matcher = VARIABLE.matcher(body.path("Variables").asText(""));
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!DEFAULTS.containsKey(name)) {
                throw new DoubleCluster.ApiError(400, "error parsing: Undefined variable: A \"" + name
                        + "\" variable was passed in but not declared");
            }
            values.put(name, matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        String json = resource("nomad/web.nomad.json");
        for (Map.Entry<String, String> value : values.entrySet()) {
            json = json.replace("\"${var." + value.getKey() + "}\"", NomadDouble.JSON.getNodeFactory()
                    .textNode(value.getValue()).toString());
        }
        try {
            ObjectNode job = (ObjectNode) NomadDouble.JSON.readTree(json);
            // count is a number variable: Nomad converts the string form to the declared type
            for (JsonNode group : job.withArray("TaskGroups")) {
                if (group.path("Count").isTextual()) {
                    ((ObjectNode) group).put("Count", Integer.parseInt(group.get("Count").asText()));
                }
            }
            return job;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HclFixtures.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
