package dev.drover.template;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictFiltersTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("base", Map.of("a", 1, "b", Map.of("x", 1, "y", List.of(1, 2))))
            .with("overlay", Map.of("b", Map.of("y", List.of(3), "z", 2), "c", 3))
            .with("kv", List.of(Map.of("key", "k1", "value", "v1"), Map.of("key", "k2", "value", 2)));

    @Test
    void combineShallowRecursiveAndListMerge() {
        FilterCases.assertAll(t,
                "base | combine(overlay) | list | sort", "['a', 'b', 'c']",
                "(base | combine(overlay)).b | dictsort", "[('y', [3]), ('z', 2)]",
                "(base | combine(overlay, recursive=true)).b | dictsort", "[('x', 1), ('y', [3]), ('z', 2)]",
                "(base | combine(overlay, recursive=true, list_merge='append')).b.y", "[1, 2, 3]",
                "(base | combine(overlay, recursive=true, list_merge='prepend')).b.y", "[3, 1, 2]",
                "(base | combine(overlay, recursive=true, list_merge='keep')).b.y", "[1, 2]",
                "({'l': [1, 2]} | combine({'l': [2, 3]}, list_merge='append_rp')).l", "[1, 2, 3]",
                "({'l': [1, 2]} | combine({'l': [2, 3]}, list_merge='prepend_rp')).l", "[2, 3, 1]",
                "[{'a': 1}, {'a': 2, 'b': 3}] | combine", "{'a': 2, 'b': 3}",
                "{'a': 1} | combine({'b': 2}, {'a': 3})", "{'a': 3, 'b': 2}",
                "{'a': 1} | combine({'b': 2}, bogus=1)",
                "(error) test, line 1: 'recursive' and 'list_merge' are the only valid keyword arguments (in \"{{ {'a': 1} | combine({'b': 2}, bogus=1) }}\")");
    }

    @Test
    void itemsConversions() {
        FilterCases.assertAll(t,
                "cfg.opts | dict2items", "[{'key': 'debug', 'value': False}, {'key': 'level', 'value': 3}]",
                "{'a': 1} | dict2items(key_name='k', value_name='v')", "[{'k': 'a', 'v': 1}]",
                "kv | items2dict", "{'k1': 'v1', 'k2': 2}",
                "[{'n': 'a', 'v': 1}] | items2dict(key_name='n', value_name='v')", "{'a': 1}",
                "[['a', 1], ['b', 2]] | dict", "{'a': 1, 'b': 2}",
                "{'b': 1, 'a': 2} | dictsort", "[('a', 2), ('b', 1)]",
                "{'b': 1, 'a': 2} | dictsort(by='value')", "[('b', 1), ('a', 2)]",
                "['k1', 'k2'] | map('extract', {'k1': 1, 'k2': 2}) | list", "[1, 2]",
                "0 | extract([{'a': {'b': 5}}], ['a', 'b'])", "5",
                "'nope' | extract({'k': 1}) | default('d')", "d");
    }

    @Test
    void dictMethods() {
        FilterCases.assertAll(t,
                "cfg.opts.keys() | list", "['debug', 'level']", "cfg.opts.values() | list", "[False, 3]",
                "cfg.opts.items() | list", "[('debug', False), ('level', 3)]", "cfg.get('name')", "app",
                "cfg.get('nope', 'fallback')", "fallback", "cfg.get('nope')", "",
                "{% for k, v in cfg.opts.items() %}{{ k }}={{ v }} {% endfor %}", "debug=False level=3 ",
                "hostvars_like['lab1']['ip'] | default('none')", "none");
    }
}
