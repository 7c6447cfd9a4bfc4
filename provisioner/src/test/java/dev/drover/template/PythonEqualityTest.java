package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Python's == and in, wherever templates compare: operators, tests, filters, methods and dict
 * lookups. Values from YAML are Integer, Jinjava's literals Long; expectations are what
 * ansible 2.14 gives.
 */
class PythonEqualityTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("numbers", new ArrayList<>(List.of(3, 1, 2)))
            .with("ints", List.of(1, 2, 3))
            .with("longs", List.of(1L, 2L, 3L))
            .with("big", new BigInteger("18446744073709551616"))
            .with("by_number", numberKeyed())
            .with("users", List.of(Map.of("name", "a", "uid", 1), Map.of("name", "b", "uid", 2)));

    private static Map<Object, Object> numberKeyed() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "one");
        map.put("a", "x");
        map.put(2.5, "two and a half");
        return map;
    }

    @Test
    void aSortedListEqualsItsLiteral() {
        // the differential failure: set_fact numbers_sorted: "{{ numbers | sort }}", then assert it
        Object sorted = t.render("{{ numbers | sort }}");
        assertThat(new TemplateFixture().with("numbers_sorted", sorted).when("numbers_sorted == [1, 2, 3]")).isTrue();
        assertThat(t.when("(numbers | sort) == [1, 2, 3]")).isTrue();
        assertThat(t.when("ints == longs")).isTrue();
        assertThat(t.when("ints != [1, 2, 3]")).isFalse();
        assertThat(t.when("ints != [1, 2, 4]")).isTrue();
    }

    @Test
    void numbersCompareByValueAcrossTypes() {
        FilterCases.assertAll(t,
                "1 == 1.0", "True", "True == 1", "True", "false == 0.0", "True", "true == 'true'", "False",
                "1 == '1'", "False", "'1' != 1", "True", "'a' == 1", "False", "none == none", "True", "none == false", "False",
                "big == 2 ** 64", "True", "2 ** 64 == 2.0 ** 64", "True", "2 ** 53 + 1 == 2.0 ** 53", "False",
                "0.1 + 0.2 == 0.3", "False", "-0.0 == 0", "True", "1 != 1.0", "False", "port == 5432.0", "True",
                "('nan' | float) == ('nan' | float)", "False", "('inf' | float) == ('inf' | float)", "True");
    }

    @Test
    void containersCompareDeeply() {
        FilterCases.assertAll(t,
                "[1] == [true]", "True", "[1, [2, {'a': 3}]] == [1.0, [2, {'a': 3.0}]]", "True",
                "{'a': [1, 2]} == {'a': [1.0, 2.0]}", "True", "{1: 'a'} == {1.0: 'a'}", "True",
                "{'a': 1} == {'a': 1, 'b': 2}", "False", "(1, 2) == (1.0, 2)", "True",
                "[1, 2] == (1, 2)", "False", "[(1, 2)] == [[1, 2]]", "False", "(1, 2) | list == [1, 2]", "True",
                "[1, 2] != [1.0, 2.0]", "False", "[1, 2] != [2, 1]", "True");
    }

    @Test
    void membershipIsPythons() {
        FilterCases.assertAll(t,
                "1 in [1.0]", "True", "2 in longs", "True", "'1' in ints", "False", "[1, 2] in [[1.0, 2.0]]", "True",
                "{'a': 1} in [{'a': 1.0}]", "True", "(1, 2) in [[1, 2]]", "False", "none in [none]", "True",
                "1 in {1.0: 'a'}", "True", "'1' in by_number", "False", "2.5 in by_number", "True",
                "'b' in 'abc'", "True", "3 not in ints", "False", "'3' not in ints", "True", "1.0 not in by_number", "False");
        assertThatThrownBy(() -> t.text("{{ 1 in 'abc' }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("'in <string>' requires string as left operand, not int");
        assertThatThrownBy(() -> t.text("{{ 'x' in none }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("argument of type 'NoneType' is not iterable");
        assertThatThrownBy(() -> t.text("{{ [1] in {} }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("unhashable type: 'list'");
        assertThatThrownBy(() -> t.text("{{ missing in ints }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("'missing' is undefined");
        assertThatThrownBy(() -> t.text("{{ missing == 1 }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("'missing' is undefined");
    }

    @Test
    void testsCompareAsPythonDoes() {
        FilterCases.assertAll(t,
                "1 is equalto(1.0)", "True", "ints is eq(longs)", "True", "1 is ne(true)", "False",
                "2 is in([1.0, 2.0])", "True", "'abc' is contains('b')", "True", "ints is contains(2.0)", "True",
                "[1, 2] is subset([1.0, 2.0, 3])", "True", "1 is sameas 1", "True", "1 is sameas 1.0", "False",
                "true is sameas 1", "False", "'a' is sameas 'a'", "True", "[1] is sameas [1]", "False",
                "names is sameas names", "True", "none is sameas none", "True",
                "users | selectattr('uid', 'equalto', 1.0) | map(attribute='name') | list", "['a']",
                "[1, 2, 1.0] | select('equalto', 1) | list", "[1, 1.0]",
                "users | rejectattr('uid', '==', 2) | map(attribute='name') | list", "['a']");
        assertThatThrownBy(() -> t.text("{{ 'abc' is contains(1) }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("'in <string>' requires string as left operand, not int");
    }

    @Test
    void filtersCompareAsPythonDoes() {
        FilterCases.assertAll(t,
                "[1, 'a', 1.0, true] | unique", "[1, 'a']", "[[1], [1.0]] | unique", "[[1]]",
                "[{'a': 1}, {'a': 1.0}] | unique", "[{'a': 1}]", "(ints + longs) | unique", "[1, 2, 3]",
                "[1, 2, 3] | difference([1.0])", "[2, 3]", "[1, 2.0] | intersect([2])", "[2.0]",
                "[1.0] | union([1])", "[1.0]", "ints | symmetric_difference(longs)", "[]",
                "ints | intersect(longs)", "[1, 2, 3]");
    }

    @Test
    void dictLiteralsKeepTheirKeysTypes() {
        FilterCases.assertAll(t,
                "{1: 'a'}", "{1: 'a'}", "{1: 'a', 1.0: 'b'}", "{1: 'b'}", "{true: 'x'}[1]", "x",
                "{port: 'db'}", "{5432: 'db'}", "{host: 1}", "{'db1': 1}", "{(1, 2): 'pair'}", "{(1, 2): 'pair'}",
                "by_number == {1: 'one', 'a': 'x', 2.5: 'two and a half'}", "True", "{'a': 1}.a", "1");
        assertThatThrownBy(() -> t.text("{{ {[1]: 'a'} }}")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("unhashable type: 'list'");
    }

    @Test
    void methodsAndLookupsFindEqualNumbers() {
        FilterCases.assertAll(t,
                "[1, 2].index(2.0)", "1", "[1, 2, 3].index(true)", "0", "[1, 1.0, true].count(1)", "3",
                "by_number.get(1.0)", "one", "by_number.get(true)", "one", "by_number.get('1', 'none')", "none",
                "by_number[1]", "one", "by_number[1.0]", "one", "by_number[2.5]", "two and a half",
                "[1.0] | map('extract', by_number) | list", "['one']");
        assertThat(t.text("{% set xs = [1, 2, 3] %}{% set _ = xs.remove(2.0) %}{{ xs }}")).isEqualTo("[1, 3]");
    }
}
