package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators and accessors where Python and Jinja2 differ from Jinjava (checked against ansible 2.14). */
class OperatorsTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("users", List.of(Map.of("name", "alice"), Map.of("name", "bob")))
            .with("grid", List.of(List.of(1, 2), List.of(3)));

    @Test
    void aDotAndDigitsIndexASequence() {
        assertThat(t.eval("names.0")).isEqualTo("web1");
        assertThat(t.eval("names.2")).isEqualTo("db1");
        assertThat(t.eval("users.1.name")).isEqualTo("bob");
        assertThat(t.eval("grid.0.1")).isEqualTo(2);
        assertThat(t.eval("(names | sort).0")).isEqualTo("db1");
        assertThat(t.eval("[4, 5].1 + 1.5")).isEqualTo(6.5);
        assertThat(t.eval("'abc'.1")).isEqualTo("b");
        assertThat(t.eval("names.0 ~ names.1")).isEqualTo("web1Web2");
        assertThat(t.text("{{ names.9 | default('none') }}")).isEqualTo("none");
        // floats are still floats
        assertThat(t.eval("1.5 + .5 * 0 + 0.25")).isEqualTo(1.75);
    }

    @Test
    void moduloTakesTheSignOfTheDivisor() {
        assertThat(t.eval("-7 % 3")).isEqualTo(2);
        assertThat(t.eval("7 % -3")).isEqualTo(-2);
        assertThat(t.eval("7 % 3")).isEqualTo(1);
        assertThat(t.eval("-6 % 3")).isEqualTo(0);
        assertThat(t.eval("-7.5 % 2")).isEqualTo(0.5);
        assertThat(t.eval("port % 2 == 0")).isEqualTo(true);
        assertThatThrownBy(() -> t.eval("5 % 0")).isInstanceOf(TemplateError.class).hasMessageContaining("modulo by zero");
    }

    @Test
    void percentFormatsAString() {
        assertThat(t.eval("'%s:%d' % (host, port)")).isEqualTo("db1:5432");
        assertThat(t.eval("'%s!' % host")).isEqualTo("db1!");
        assertThat(t.eval("'%(a)s-%(b)s' % {'a': 1, 'b': 2}")).isEqualTo("1-2");
        assertThat(t.eval("'%05.1f%%' % 3.14159")).isEqualTo("003.1%");
    }

    @Test
    void powersAreExactOrFloat() {
        assertThat(t.eval("2 ** 10")).isEqualTo(1024);
        assertThat(t.eval("2 ** -1")).isEqualTo(0.5);
        assertThat(t.eval("2 ** 100")).isEqualTo(new BigInteger("1267650600228229401496703205376"));
        assertThat(t.eval("4 ** 0.5")).isEqualTo(2.0);
    }

    @Test
    void starRepeatsStringsAndLists() {
        assertThat(t.eval("'ab' * 3")).isEqualTo("ababab");
        assertThat(t.eval("2 * 'ab'")).isEqualTo("abab");
        assertThat(t.eval("'-' * 0")).isEqualTo("");
        assertThat(t.eval("[1, 2] * 2")).isEqualTo(List.of(1, 2, 1, 2));
        assertThat(t.eval("3 * 4")).isEqualTo(12);
        assertThat(t.eval("1.5 * 2")).isEqualTo(3.0);
    }
}
