package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text with plain references renders without Jinjava, to exactly what Jinjava renders. */
class PlainInterpolationTest {

    private static final JinjaEngine ENGINE = new JinjaEngine();

    private final TemplateFixture t = new TemplateFixture()
            .with("text", "it's \"q\" ünï {x} %s \\n")
            .with("big", new BigInteger("123456789012345678901234567890"))
            .with("long", 12345678901L)
            .with("ratio", 0.1).with("whole", 3.0).with("huge", 1e20).with("off", false)
            .with("derived", "{{ host }}-{{ port }}")
            .with("derived_num", "{{ port + 1 }}")
            .with("nested", Map.of("inner", Map.of("leaf", "deep"), "n", 7))
            .with("url", "http://{{ host }}:{{ port }}/");

    private String fast(String template) {
        return PlainInterpolation.render(template, new RenderSession(ENGINE, t.scope()));
    }

    @Test
    void rendersWhatJinjavaRenders() {
        List<String> templates = List.of("{{ host }}:{{ port }}", "a {{ text }} b", "{{ big }}/{{ long }}", "{{ ratio }} {{ whole }} {{ huge }}",
                "{{ flag }}{{ off }}", "[{{ nothing }}]", "{{ derived }}|{{ derived_num }}", "{{ nested.inner.leaf }}.{{ nested.n }}",
                "{{url}}x", "{{  host  }}", "\n  {{ host }}\n\n", "} { {{ host }} }", "{{ omit }}", "{{ cfg.name }}/{{ cfg.opts.level }}");
        for (String template : templates) {
            assertThat(fast(template)).as(template).isNotNull();
            assertThat(t.text(template)).as(template).isEqualTo(t.text(template + "{# by Jinjava #}"));
        }
        assertThat(t.text("{{ host }}:{{ port }}/{{ ratio }}")).isEqualTo("db1:5432/0.1");
        assertThat(t.render("{{ url }}api\n")).isEqualTo("http://db1:5432/api\n");
    }

    @Test
    void leavesEverythingElseToJinjava() {
        for (String template : List.of("{{ host | upper }}", "{{ names }}", "{{ cfg.opts }}", "{{ names[0] }}", "{{- host }}",
                "{{ host -}}", "{% if flag %}{{ host }}{% endif %}", "{{ host }}{# c #}", "{{ missing }}", "{{ cfg.nope }}",
                "{{ host }} }} ", "{{ 'a' }}", "{{ loop }}", "{{ host }", "{{ True }}", "{{ host.upper() }}")) {
            assertThat(fast(template)).as(template).isNull();
        }
    }

    @Test
    void undefinedReferencesFailAsBefore() {
        assertThatThrownBy(() -> t.text("x {{ missing }} y")).isInstanceOf(TemplateError.class).hasMessageContaining("'missing' is undefined");
        assertThatThrownBy(() -> t.render("x {{ cfg.nope }}")).hasMessageContaining("has no attribute 'nope'");
    }
}
