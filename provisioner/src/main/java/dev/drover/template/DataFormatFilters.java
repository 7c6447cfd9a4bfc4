package dev.drover.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** to_json, to_nice_json, from_json, to_yaml, to_nice_yaml, from_yaml, from_yaml_all. */
final class DataFormatFilters {

    private DataFormatFilters() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    static List<AnsibleFilter> all() {
        return List.of(
                AnsibleFilter.producingText("to_json", (v, a) -> new PythonJson(a.has(-1, "indent") ? a.integer(-1, "indent", 0) : null,
                        a.bool(-1, "sort_keys", false), null, null).dumps(v)),
                AnsibleFilter.producingText("to_nice_json", (v, a) -> new PythonJson(a.integer(0, "indent", 4), a.bool(1, "sort_keys", true), ",", ": ").dumps(v)),
                AnsibleFilter.of("from_json", (v, a) -> fromJson(PythonRepr.str(v))),
                AnsibleFilter.producingText("to_yaml", (v, a) -> PythonYaml.dump(v, !a.named().containsKey("default_flow_style")
                        || a.named().get("default_flow_style") == null, a.integer(-1, "indent", 2))),
                AnsibleFilter.producingText("to_nice_yaml", (v, a) -> PythonYaml.dump(v, false, a.integer(0, "indent", 4))),
                AnsibleFilter.of("from_yaml", (v, a) -> fromYaml(v)),
                AnsibleFilter.of("from_yaml_all", (v, a) -> fromYamlAll(PythonRepr.str(v))));
    }

    private static Object fromJson(String text) {
        try {
            return PlainValues.of(JSON.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new RenderFailure("from_json could not parse " + shorten(text) + ": " + e.getOriginalMessage());
        }
    }

    private static Object fromYaml(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        try {
            return PlainValues.of(new Load(LoadSettings.builder().build()).loadFromString(text));
        } catch (YamlEngineException e) {
            throw new RenderFailure("from_yaml could not parse " + shorten(text) + ": " + e.getMessage());
        }
    }

    private static Object fromYamlAll(String text) {
        try {
            List<Object> documents = new ArrayList<>();
            new Load(LoadSettings.builder().build()).loadAllFromString(text).forEach(d -> documents.add(PlainValues.of(d)));
            return documents;
        } catch (YamlEngineException e) {
            throw new RenderFailure("from_yaml_all could not parse " + shorten(text) + ": " + e.getMessage());
        }
    }

    private static String shorten(String text) {
        String repr = PythonRepr.repr(text);
        return repr.length() > 60 ? repr.substring(0, 57) + "..." : repr;
    }
}
