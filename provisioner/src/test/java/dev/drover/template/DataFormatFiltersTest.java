package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataFormatFiltersTest {

    private final TemplateFixture t = new TemplateFixture();

    TemplateFixture withUser() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "alice");
        user.put("groups", List.of("wheel", "dev"));
        user.put("active", true);
        user.put("shell", null);
        return t.with("user", user);
    }

    @Test
    void jsonMatchesPythonsJsonDumps() {
        FilterCases.assertAll(withUser(),
                "user | to_json", "{\"name\": \"alice\", \"groups\": [\"wheel\", \"dev\"], \"active\": true, \"shell\": null}",
                "user | to_json(sort_keys=true)", "{\"active\": true, \"groups\": [\"wheel\", \"dev\"], \"name\": \"alice\", \"shell\": null}",
                "'ünï \"q\"' | to_json", "\"\\u00fcn\\u00ef \\\"q\\\"\"",
                "[1.0, 2.5, 1e20] | to_json", "[1.0, 2.5, 1e+20]",
                "{'b': [1, {}], 'a': []} | to_nice_json", "{\n    \"a\": [],\n    \"b\": [\n        1,\n        {}\n    ]\n}",
                "{'a': 1} | to_nice_json(indent=2)", "{\n  \"a\": 1\n}",
                "'{\"a\": [1, 2], \"b\": null}' | from_json", "{'a': [1, 2], 'b': None}",
                "('[1, 2]' | from_json)[1]", "2");
    }

    @Test
    void yamlMatchesPyYamlAsAnsibleCallsIt() {
        FilterCases.assertAll(withUser(),
                "user | to_yaml", "active: true\ngroups: [wheel, dev]\nname: alice\nshell: null\n",
                "user | to_nice_yaml", "active: true\ngroups:\n- wheel\n- dev\nname: alice\nshell: null\n",
                "[user] | to_nice_yaml", "-   active: true\n    groups:\n    - wheel\n    - dev\n    name: alice\n    shell: null\n",
                "{'a': {'b': {'c': 1}}} | to_nice_yaml(indent=2)", "a:\n  b:\n    c: 1\n",
                "['x', 'y'] | to_yaml", "[x, y]\n",
                "{'q': \"it's\", 'e': '', 'n': '123', 'b': 'yes', 'c': 'a: b', 't': 'tab\\there', 'h': '#x', 'd': '- x'} | to_yaml",
                "{b: 'yes', c: 'a: b', d: '- x', e: '', h: '#x', n: '123', q: it's, t: \"tab\\there\"}\n",
                "{'m': 'one\\ntwo\\n'} | to_yaml", "{m: 'one\n\n    two\n\n    '}\n",
                "{'m': 'one\\ntwo\\n', 'l': [1]} | to_yaml", "l: [1]\nm: 'one\n\n  two\n\n  '\n",
                "{'k': 'This sentence is deliberately long so that the YAML dumper has to fold it across several lines.'} | to_yaml",
                "{k: This sentence is deliberately long so that the YAML dumper has to fold it across\n    several lines.}\n",
                "{'k': ['This sentence is deliberately long so that the YAML dumper', 'has to fold it across several lines.', 'x']} | to_yaml",
                "k: [This sentence is deliberately long so that the YAML dumper, has to fold it across\n    several lines., x]\n",
                "'a: 1\\nb: [x, y]' | from_yaml", "{'a': 1, 'b': ['x', 'y']}",
                "'--- 1\\n--- 2' | from_yaml_all", "[1, 2]");
    }

    @Test
    void textFilterResultsAreNotTurnedBackIntoData() {
        assertThat(withUser().render("{{ user | to_json }}")).isInstanceOf(String.class);
        assertThat(t.render("{{ {'a': 1} | to_nice_yaml }}")).isEqualTo("a: 1\n");
    }
}
