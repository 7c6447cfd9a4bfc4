package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("str_true", "True").with("str_false", "False").with("str_yes", "yes").with("zero", 0)
            .with("derived", "{{ port > 1000 }}").with("result", Map.of("changed", true)).with("empty_list", List.of());

    @Test
    void expressionsAreEvaluatedForTruth() {
        assertThat(t.when("flag")).isTrue();
        assertThat(t.when("not flag")).isFalse();
        assertThat(t.when("port > 1000 and host == 'db1'")).isTrue();
        assertThat(t.when("names | length > 5")).isFalse();
        assertThat(t.when("zero")).isFalse();
        assertThat(t.when("empty_list")).isFalse();
        assertThat(t.when("nothing")).isFalse();
        assertThat(t.when("derived")).isTrue();
        assertThat(t.when("result is changed")).isTrue();
        assertThat(t.when("missing is defined")).isFalse();
        assertThat(t.when("missing is not defined")).isTrue();
        assertThat(t.when("cfg.nope is undefined")).isTrue();
    }

    /** Jinja2's precedence: not (x == y), not (x | f), not (x in y); checked against ansible 2.14. */
    @Test
    void notAppliesToTheWholeComparisonFilterOrTest() {
        assertThat(t.when("not host == 'web1'")).isTrue();
        assertThat(t.when("not host != 'db1'")).isTrue();
        assertThat(t.when("not host in names")).isFalse();
        assertThat(t.when("not 'x' in names")).isTrue();
        assertThat(t.when("not missing | default(false)")).isTrue();
        assertThat(t.when("not host is string")).isFalse();
        assertThat(t.when("not port > 1000 or flag")).isTrue();
        assertThat(t.when("not host == 'web1' and not host == 'db1'")).isFalse();
        assertThat(t.when("not not flag")).isTrue();
        assertThat(t.eval("not 0 + 1")).isEqualTo(false);
        assertThat(t.eval("(not flag) == false")).isEqualTo(true);
        assertThat(t.eval("[not flag, 1]")).isEqualTo(List.of(false, 1));
    }

    @Test
    void stringsComingOutOfTemplatingCountAsBooleans() {
        assertThat(t.when("{{ flag }}")).isTrue();
        assertThat(t.when("{{ str_false }}")).isFalse();
        assertThat(t.when("{{ str_true }}")).isTrue();
        assertThat(t.when("{{ str_yes }}")).isTrue();
        assertThat(t.when("str_false")).isFalse();
        assertThat(t.when("str_yes | bool")).isTrue();
        assertThat(t.when("")).isFalse();
    }

    @Test
    void anUndefinedVariableInAConditionIsAnError() {
        assertThatThrownBy(() -> t.when("missing == 1")).isInstanceOf(TemplateError.class).hasMessageContaining("'missing' is undefined");
        assertThatThrownBy(() -> t.when("missing")).hasMessageContaining("'missing' is undefined");
        assertThatThrownBy(() -> t.when("cfg.nope")).hasMessageContaining("'dict object' has no attribute 'nope'");
    }
}
