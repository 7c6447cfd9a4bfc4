package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonPrintingTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void scalarsPrintAsPython() {
        assertThat(t.text("{{ true }} {{ false }} {{ flag }} {{ none }} {{ 3 }} {{ 3.0 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.5e-7 }}"))
                .isEqualTo("True False True  3 3.0 0.30000000000000004 1e+20 1.5e-07");
    }

    @Test
    void collectionsPrintAsTheirRepr() {
        assertThat(t.text("{{ names }}")).isEqualTo("['web1', 'Web2', 'db1']");
        assertThat(t.text("{{ {'a': 1, 'b': [true, none, 1.5]} }}")).isEqualTo("{'a': 1, 'b': [True, None, 1.5]}");
        assertThat(t.text("{{ (1, 'a') }}")).isEqualTo("(1, 'a')");
        assertThat(t.text("{{ cfg.opts.items() | list }}")).isEqualTo("[('debug', False), ('level', 3)]");
    }

    @Test
    void textFromStringFiltersIsQuotedInsideCollections() {
        assertThat(t.text("{{ [1, 2] | map('string') | list }}")).isEqualTo("['1', '2']");
        assertThat(t.text("{{ {'p': port | string} }}")).isEqualTo("{'p': '5432'}");
        assertThat(t.text("{{ [cfg.opts | to_json] }}")).isEqualTo("['{\"debug\": false, \"level\": 3}']");
    }

    @Test
    void stringsInsideCollectionsUsePythonsQuoting() {
        assertThat(PythonRepr.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonRepr.repr("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(PythonRepr.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonRepr.repr("tab\there\nnew")).isEqualTo("'tab\\there\\nnew'");
        assertThat(PythonRepr.repr("ünï")).isEqualTo("'ünï'");
        assertThat(PythonRepr.repr("back\\slash")).isEqualTo("'back\\\\slash'");
    }

    @Test
    void nestedJavaValuesFromTheVariablesPrintTheSame() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k", Arrays.asList(1, null, "x", 2.5, 10_000_000_000L));
        t.with("n", nested);
        assertThat(t.text("{{ n }}")).isEqualTo("{'k': [1, None, 'x', 2.5, 10000000000]}");
        assertThat(t.text("{{ 'x' ~ flag ~ nothing }}")).isEqualTo("xTrueNone");
    }

    @Test
    void floatsUseShortestReprAndPythonsExponentRules() {
        assertThat(PythonRepr.floatRepr(100.0)).isEqualTo("100.0");
        assertThat(PythonRepr.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonRepr.floatRepr(123456789012345.6)).isEqualTo("123456789012345.6");
        assertThat(PythonRepr.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonRepr.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonRepr.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(PythonRepr.floatRepr(Double.NaN)).isEqualTo("nan");
    }
}
