package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplarRenderTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void stringsWithoutTemplateMarkersAreReturnedAsTheSameObject() {
        String plain = "just text with { braces } and a % sign";
        assertThat(t.render(plain)).isSameAs(plain);
        Map<String, Object> args = Map.of("name", "nginx");
        assertThat(t.render(args)).isEqualTo(args);
    }

    @Test
    void aLoneExpressionKeepsItsNativeType() {
        assertThat(t.render("{{ names }}")).isEqualTo(List.of("web1", "Web2", "db1"));
        assertThat(t.render("{{ cfg.opts }}")).isEqualTo(Map.of("debug", false, "level", 3));
        assertThat(t.render("{{ port }}")).isEqualTo(5432);
        assertThat(t.render("{{ port + 1 }}")).isEqualTo(5433);
        assertThat(t.render("{{ flag }}")).isEqualTo(true);
        assertThat(t.render("{{ nothing }}")).isNull();
        assertThat(t.render("{{ 10 / 4 }}")).isEqualTo(2.5);
        assertThat(t.render("{{ names }}\n")).isEqualTo(List.of("web1", "Web2", "db1"));
    }

    @Test
    void anythingElseRendersToTextWithPythonPrinting() {
        assertThat(t.render("{{ host }}:{{ port }}")).isEqualTo("db1:5432");
        assertThat(t.render("list={{ names }} flag={{ flag }} none={{ nothing }}"))
                .isEqualTo("list=['web1', 'Web2', 'db1'] flag=True none=");
        assertThat(t.render("  {{ names }}")).isEqualTo("  ['web1', 'Web2', 'db1']");
    }

    @Test
    void renderedTextThatReadsAsAPythonLiteralBecomesOne() {
        assertThat(t.render("[{{ port }}, '{{ host }}']")).isEqualTo(List.of(5432, "db1"));
        assertThat(t.render("{'a': {{ port }}}")).isEqualTo(Map.of("a", 5432));
        assertThat(t.render("{{ 'True' }}")).isEqualTo(true);
        assertThat(t.render("{{ '[1, 2]' }}")).isEqualTo(List.of(1, 2));
        assertThat(t.render("[{{ host }}")).isEqualTo("[db1");
    }

    @Test
    void textFiltersKeepTheirResultAsText() {
        assertThat(t.render("{{ cfg.opts | to_json }}")).isEqualTo("{\"debug\": false, \"level\": 3}");
        assertThat(t.render("{{ names | string }}")).isEqualTo("['web1', 'Web2', 'db1']");
    }

    @Test
    void mapsAndListsAreTemplatedElementByElement() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("dest", "/srv/{{ host }}");
        args.put("ports", List.of("{{ port }}", 80));
        args.put("{{ host }}_key", "plain");
        Object rendered = t.render(args);
        assertThat(rendered).isEqualTo(Map.of("dest", "/srv/db1", "ports", List.of(5432, 80), "db1_key", "plain"));
    }

    @Test
    void returnedValuesArePlainMutableJavaCollections() {
        Object value = t.render("{{ cfg }}");
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Object list = t.render("{{ names | map('upper') | list }}");
        assertThat(list).isInstanceOf(ArrayList.class).isEqualTo(List.of("WEB1", "WEB2", "DB1"));
    }

    @Test
    void templateTextKeepsTrailingNewlinesAsTheTemplateModuleDoes() {
        assertThat(t.text("a {{ host }}\n")).isEqualTo("a db1\n");
        assertThat(t.text("a {{ host }}\n\n")).isEqualTo("a db1\n\n");
        assertThat(t.text("a {{ host }}")).isEqualTo("a db1");
        assertThat(t.text("{{ 'x\\n\\n' }}\n")).isEqualTo("x\n\n");
    }

    /** Checked against ansible-playbook 2.14 (set_fact, then type_debug and to_json). */
    @Test
    void taskArgumentsKeepTheirTrailingNewlinesWhenTheyRenderToText() {
        assertThat(t.render("{{ host }}\n")).isEqualTo("db1\n");
        assertThat(t.render("{{ host }}\n\n")).isEqualTo("db1\n\n");
        assertThat(t.render("x {{ host }}\n\n")).isEqualTo("x db1\n\n");
        assertThat(t.render("line1 {{ host }}\nline2\n")).isEqualTo("line1 db1\nline2\n");
        assertThat(t.render("{{ host -}}  \n")).isEqualTo("db1\n");
        assertThat(t.render("{{ host }}\t\n")).isEqualTo("db1\t\n");
        assertThat(t.render("\n{{ host }}")).isEqualTo("\ndb1");
        // trailing whitespace makes the result text, as a leading one does
        assertThat(t.render("{{ host }} ")).isEqualTo("db1 ");
        assertThat(t.render(" {{ host }}")).isEqualTo(" db1");
        // lists, dicts and bools stay native and get no newline, as in Ansible
        assertThat(t.render("{{ names }}\n\n")).isEqualTo(List.of("web1", "Web2", "db1"));
        assertThat(t.render("{{ names }} ")).isEqualTo(List.of("web1", "Web2", "db1"));
        assertThat(t.render("[{{ port }}]\n")).isEqualTo(List.of(5432));
        assertThat(t.render("{{ flag }}\n")).isEqualTo(true);
        assertThat(t.with("listy", "[1, 2]").render("{{ listy }}\n")).isEqualTo(List.of(1, 2));
        // a plain variable holding a number or None is returned as it is (Ansible's shortcut);
        // any other number or None with a newline to keep is text
        assertThat(t.render("{{ port }}\n")).isEqualTo(5432);
        assertThat(t.render("{{ nothing }}\n")).isNull();
        assertThat(t.render("{{ port + 1 }}\n")).isEqualTo("5433\n");
        assertThat(t.render("{{ port }}\n\n")).isEqualTo("5432\n\n");
        assertThat(t.render("{{ nothing | default(none) }}\n")).isEqualTo("\n");
    }

    @Test
    void blocksTrimTheirNewlineAndDashesTrimWhitespace() {
        String template = "{% if flag %}\non\n{% endif %}\n{% for n in names %}\n- {{ n }}\n{% endfor %}\n";
        assertThat(t.text(template)).isEqualTo("on\n- web1\n- Web2\n- db1\n");
        assertThat(t.text("a {{- ' b ' -}} c")).isEqualTo("a b c");
        assertThat(t.text("x\n    {%- if flag %} y{% endif %}")).isEqualTo("x y");
        assertThat(t.text("  {% if flag %}z{% endif %}")).isEqualTo("  z");
    }

    @Test
    void statementsWorkAsInJinja() {
        assertThat(t.text("{% set ns = namespace(n=0) %}{% for x in [1, 2, 3] %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}"))
                .isEqualTo("6");
        assertThat(t.text("{% set acc = [] %}{% for x in names %}{% set _ = acc.append(x | upper) %}{% endfor %}{{ acc }}"))
                .isEqualTo("['WEB1', 'WEB2', 'DB1']");
        assertThat(t.text("{% for k, v in cfg.opts | dictsort %}{{ k }}={{ v }};{% endfor %}")).isEqualTo("debug=False;level=3;");
        assertThat(t.text("{% macro m(x, y='d') %}<{{ x }}{{ y }}>{% endmacro %}{{ m(1) }}{{ m(2, 'e') }}")).isEqualTo("<1d><2e>");
    }

    @Test
    void evaluateGivesTheValueOfABareExpression() {
        assertThat(t.eval("names | length")).isEqualTo(3);
        assertThat(t.eval("cfg.opts.level * 2")).isEqualTo(6);
        assertThat(t.eval("host")).isEqualTo("db1");
    }

    @Test
    void oneTemplarServesManyThreads() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            int id = i;
            Thread thread = new Thread(() -> {
                TemplateFixture own = new TemplateFixture().with("id", id).with("url", "http://h{{ id }}:{{ port }}");
                for (int n = 0; n < 300; n++) {
                    try {
                        assertThat(own.render("{{ url }}/{{ names | length }}")).isEqualTo("http://h" + id + ":5432/3");
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
