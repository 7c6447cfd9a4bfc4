package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UndefinedTest {

    private final TemplateFixture t = new TemplateFixture();

    @Test
    void anUndefinedVariableIsAnErrorNamingIt() {
        assertThatThrownBy(() -> t.render("{{ pkg }}-1.0"))
                .isInstanceOf(TemplateError.class)
                .hasMessage("test: 'pkg' is undefined (in template \"{{ pkg }}-1.0\")");
    }

    @Test
    void aMissingKeyIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> t.render("{{ cfg.nope }}")).hasMessageContaining("'dict object' has no attribute 'nope'");
        assertThatThrownBy(() -> t.render("{{ names[7] }}")).hasMessageContaining("list object has no element 7");
        assertThatThrownBy(() -> t.render("{{ missing.attr }}")).hasMessageContaining("'missing' is undefined");
    }

    @Test
    void usingAnUndefinedValueAnywhereIsTheSameError() {
        for (String template : new String[] {"{{ missing | upper }}", "{{ missing == 1 }}", "{% if missing %}x{% endif %}",
            "{{ 'a' ~ missing }}", "{{ missing.startswith('a') }}", "{% for x in missing %}{% endfor %}"}) {
            assertThatThrownBy(() -> t.render(template)).as(template).hasMessageContaining("'missing' is undefined");
        }
    }

    @Test
    void defaultReplacesUndefinedAndWithTrueAlsoFalsyValues() {
        assertThat(t.render("{{ missing | default('d') }}")).isEqualTo("d");
        assertThat(t.render("{{ missing | d(5) }}")).isEqualTo(5);
        assertThat(t.render("{{ cfg.nope | default([]) }}")).isEqualTo(java.util.List.of());
        assertThat(t.render("{{ '' | default('d') }}")).isEqualTo("");
        assertThat(t.render("{{ '' | default('d', true) }}")).isEqualTo("d");
        assertThat(t.render("{{ nothing | default('d') }}")).isNull();
        assertThat(t.render("{{ missing.a.b | default('deep') }}")).isEqualTo("deep");
    }

    @Test
    void anUndefinedDefaultIsOnlyAnErrorWhenItIsUsed() {
        // Jinja2 evaluates the argument to an Undefined and default() returns the defined value.
        assertThat(t.render("{{ cfg.opts | default(missing) }}")).isEqualTo(t.render("{{ cfg.opts }}"));
        assertThat(t.render("{{ 'x' | default(missing.attr) }}")).isEqualTo("x");
        assertThat(t.render("{{ 'x' | d(missing, true) }}")).isEqualTo("x");
        assertThat(t.render("{{ missing | default(also_missing) is defined }}")).isEqualTo(false);
        assertThatThrownBy(() -> t.render("{{ missing | default(also_missing) }}"))
                .hasMessageContaining("'also_missing' is undefined");
    }

    @Test
    void definedAndUndefinedTests() {
        assertThat(t.render("{{ missing is defined }}")).isEqualTo(false);
        assertThat(t.render("{{ missing is undefined }}")).isEqualTo(true);
        assertThat(t.render("{{ missing is not defined }}")).isEqualTo(true);
        assertThat(t.render("{{ nothing is defined }}")).isEqualTo(true);
        assertThat(t.render("{{ cfg.opts is defined }}")).isEqualTo(true);
        assertThat(t.render("{{ cfg.opts.nope is defined }}")).isEqualTo(false);
        assertThat(t.render("{{ cfg['opts']['level'] is defined }}")).isEqualTo(true);
    }

    @Test
    void omitIsAlwaysThereAndDefaultOmitYieldsTheToken() {
        assertThat(Templar.OMIT_TOKEN).startsWith("__omit_place_holder__").hasSizeGreaterThan(30);
        assertThat(t.render("{{ missing | default(omit) }}")).isEqualTo(Templar.OMIT_TOKEN);
        assertThat(t.render("{{ omit }}")).isEqualTo(Templar.OMIT_TOKEN);
    }

    @Test
    void mandatoryFailsWithAnsiblesMessageOrYours() {
        assertThatThrownBy(() -> t.render("{{ missing | mandatory }}")).hasMessageContaining("Mandatory variable 'missing'  not defined.");
        assertThatThrownBy(() -> t.render("{{ missing | mandatory('set missing in group_vars') }}"))
                .hasMessageContaining("set missing in group_vars");
        assertThat(t.render("{{ host | mandatory }}")).isEqualTo("db1");
    }
}
