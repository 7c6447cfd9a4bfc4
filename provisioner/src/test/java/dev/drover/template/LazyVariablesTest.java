package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LazyVariablesTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("url", "http://{{ host }}:{{ port }}")
            .with("api", "{{ url }}/api")
            .with("cfg2", Map.of("endpoint", "{{ api }}", "hosts", List.of("{{ host }}", "static")));

    @Test
    void variablesThatAreTemplatesAreTemplatedWhenRead() {
        assertThat(t.render("{{ url }}")).isEqualTo("http://db1:5432");
        assertThat(t.render("{{ api }}")).isEqualTo("http://db1:5432/api");
    }

    @Test
    void templatesInsideNestedDictsAndListsAreTemplatedToo() {
        assertThat(t.render("{{ cfg2.endpoint }}")).isEqualTo("http://db1:5432/api");
        assertThat(t.render("{{ cfg2.hosts }}")).isEqualTo(List.of("db1", "static"));
        assertThat(t.render("{{ cfg2 }}")).isEqualTo(Map.of("endpoint", "http://db1:5432/api", "hosts", List.of("db1", "static")));
        assertThat(t.text("{{ cfg2.hosts | join(',') }}")).isEqualTo("db1,static");
    }

    @Test
    void aVariableIsTemplatedWithTheNativeTypeOfItsExpression() {
        t.with("ports", "{{ [80, 443] }}").with("count", "{{ names | length }}");
        assertThat(t.render("{{ ports | sum }}")).isEqualTo(523);
        assertThat(t.render("{{ count + 1 }}")).isEqualTo(4);
    }

    @Test
    void variablesNobodyReadsAreNeverTemplated() {
        t.with("broken", "{{ no_such_var }}").with("bad_syntax", "{{ 1 + }}");
        assertThat(t.render("{{ host }}")).isEqualTo("db1");
    }

    @Test
    void aVariableThatReachesItselfIsARecursiveLoop() {
        t.with("a", "{{ b }}").with("b", "x{{ a }}");
        assertThatThrownBy(() -> t.render("{{ a }}"))
                .isInstanceOf(TemplateError.class)
                .hasMessageContaining("recursive loop detected in template string");
        t.with("self", Map.of("x", "{{ self.x }}"));
        assertThatThrownBy(() -> t.render("{{ self.x }}")).hasMessageContaining("recursive loop detected");
    }

    @Test
    void aVariableUsedTwiceIsNotARecursiveLoop() {
        assertThat(t.render("{{ url }} {{ url }} {{ api }}")).isEqualTo("http://db1:5432 http://db1:5432 http://db1:5432/api");
    }

    @Test
    void aVariableWhoseTemplateIsUndefinedIsItselfUndefinedUntilDefaulted() {
        t.with("broken", "{{ no_such_var }}/x");
        assertThat(t.render("{{ broken | default('fallback') }}")).isEqualTo("fallback");
        assertThat(t.render("{{ broken is defined }}")).isEqualTo(false);
        assertThatThrownBy(() -> t.render("{{ broken }}")).hasMessageContaining("'no_such_var' is undefined");
    }

    @Test
    void anotherHostsVariablesAreTemplatedInThatHostsScope() {
        TemplateScope lab1 = new TemplateScope(Map.of("ip", "10.0.0.{{ n }}", "n", 7), List.of(), "lab1");
        t.with("hostvars", Map.of("lab1", lab1)).with("n", 99);
        assertThat(t.render("{{ hostvars['lab1']['ip'] }}")).isEqualTo("10.0.0.7");
        assertThat(t.render("{{ hostvars.lab1.ip }}")).isEqualTo("10.0.0.7");
        assertThat(t.render("{{ hostvars['lab2'] is defined }}")).isEqualTo(false);
    }

    @Test
    void theScopesMapIsReadNotCopiedOrChanged() {
        Map<String, Object> before = new java.util.HashMap<>(t.vars);
        t.render("{{ cfg2 }} {{ api }}");
        assertThat(t.vars).isEqualTo(before);
    }
}
