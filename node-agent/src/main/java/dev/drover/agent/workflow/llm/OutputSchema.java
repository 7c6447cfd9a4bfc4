package dev.drover.agent.workflow.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON schema an llm step's answer must match. It is sent to the server (which, for
 * llama-server, turns it into a grammar so the model can only produce matching JSON) and checked
 * again here, because not every OpenAI-compatible server enforces it and a reply cut short by
 * {@code max_tokens} is not valid JSON whatever the grammar.
 *
 * <p>The check covers the part of JSON Schema that structured output uses: {@code type} (one name
 * or a list), {@code properties}, {@code required}, {@code additionalProperties: false},
 * {@code items}, {@code enum}, {@code const}, {@code minItems}/{@code maxItems},
 * {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}. Other keywords are passed
 * to the server and not checked here.
 */
public final class OutputSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TYPES = List.of("object", "array", "string", "number", "integer", "boolean", "null");

    private final ObjectNode schema;

    private OutputSchema(ObjectNode schema) {
        this.schema = schema;
    }

    /** A schema from a workflow file's YAML (maps and lists) or from JSON; bad type names are refused here. */
    public static OutputSchema of(Object schema) {
        JsonNode node = schema instanceof JsonNode given ? given : JSON.valueToTree(schema);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the schema must be a JSON schema object (a map), not " + node.getNodeType().name().toLowerCase());
        }
        List<String> problems = new ArrayList<>();
        checkTypes(object, "$", problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the schema is not usable: " + String.join("; ", problems));
        }
        return new OutputSchema(object.deepCopy());
    }

    public ObjectNode json() {
        return schema.deepCopy();
    }

    /** The answer parsed as JSON; a model that wraps it in a Markdown code fence is forgiven the fence. */
    public static Optional<JsonNode> parse(String content) {
        String text = content.strip();
        if (text.startsWith("```")) {
            int firstLineEnd = text.indexOf('\n');
            int closing = text.lastIndexOf("```");
            if (firstLineEnd > 0 && closing > firstLineEnd) {
                text = text.substring(firstLineEnd + 1, closing).strip();
            }
        }
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Every way {@code value} breaks the schema, each as "path: what is wrong"; empty when it matches. */
    public List<String> violations(JsonNode value) {
        List<String> found = new ArrayList<>();
        check(schema, value, "$", found);
        return found;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> found) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !matchesType(type, value)) {
            found.add(path + ": expected " + typeText(type) + ", got " + typeOf(value));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            found.add(path + ": must be " + schema.get("const") + ", got " + value);
        }
        JsonNode choices = schema.get("enum");
        if (choices != null && choices.isArray() && !contains(choices, value)) {
            found.add(path + ": must be one of " + choices + ", got " + value);
        }
        if (value.isObject()) {
            checkObject(schema, value, path, found);
        } else if (value.isArray()) {
            checkArray(schema, value, path, found);
        } else if (value.isTextual()) {
            int length = value.asText().codePointCount(0, value.asText().length());
            bound(schema, "minLength", length, path, "characters", true, found);
            bound(schema, "maxLength", length, path, "characters", false, found);
        } else if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                found.add(path + ": must be at least " + schema.get("minimum") + ", got " + value);
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                found.add(path + ": must be at most " + schema.get("maximum") + ", got " + value);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> found) {
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (!value.has(name.asText())) {
                    found.add(path + ": missing required field \"" + name.asText() + "\"");
                }
            }
        }
        JsonNode properties = schema.get("properties");
        boolean closed = schema.has("additionalProperties") && schema.get("additionalProperties").isBoolean()
                && !schema.get("additionalProperties").asBoolean();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode declared = properties == null ? null : properties.get(field.getKey());
            if (declared != null) {
                check(declared, field.getValue(), path + "." + field.getKey(), found);
            } else if (closed) {
                found.add(path + ": field \"" + field.getKey() + "\" is not allowed (additionalProperties is false)");
            }
        }
    }

    private static void checkArray(JsonNode schema, JsonNode value, String path, List<String> found) {
        bound(schema, "minItems", value.size(), path, "items", true, found);
        bound(schema, "maxItems", value.size(), path, "items", false, found);
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static void bound(JsonNode schema, String keyword, int actual, String path, String unit, boolean lower,
                              List<String> found) {
        JsonNode limit = schema.get(keyword);
        if (limit != null && limit.canConvertToInt() && (lower ? actual < limit.asInt() : actual > limit.asInt())) {
            found.add(path + ": " + (lower ? "needs at least " : "allows at most ") + limit.asInt() + " " + unit
                    + ", got " + actual);
        }
    }

    private static boolean contains(JsonNode choices, JsonNode value) {
        for (JsonNode choice : choices) {
            if (choice.equals(value) || choice.isNumber() && value.isNumber()
                    && choice.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (matchesType(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            // JSON has one number type: 3.0 is an integer for JSON Schema, 3.5 is not.
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static String typeText(JsonNode type) {
        if (!type.isArray()) {
            return type.asText();
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(t.asText()));
        return String.join(" or ", names);
    }

    private static String typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "integer " + value;
        }
        if (value.isNumber()) {
            return "number " + value;
        }
        if (value.isTextual()) {
            return "string " + value;
        }
        return value.getNodeType().name().toLowerCase();
    }

    private static void checkTypes(JsonNode schema, String path, List<String> problems) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            List<JsonNode> names = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(names::add);
            } else {
                names.add(type);
            }
            for (JsonNode name : names) {
                if (!name.isTextual() || !TYPES.contains(name.asText())) {
                    problems.add(path + ": unknown type " + name + " (use one of " + TYPES + ")");
                }
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            properties.fields().forEachRemaining(p -> checkTypes(p.getValue(), path + "." + p.getKey(), problems));
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            checkTypes(items, path + "[]", problems);
        }
        JsonNode required = schema.get("required");
        if (required != null && !required.isArray()) {
            problems.add(path + ": required must be a list of field names");
        }
    }
}
