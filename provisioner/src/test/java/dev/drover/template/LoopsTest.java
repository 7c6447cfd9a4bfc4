package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja2's for loop: the {@code if} filter and the {@code else} branch; and the items of
 * with_* loops, which run their lookup over the loop's terms (checked against ansible 2.14).
 */
class LoopsTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("upstreams", List.of(Map.of("name", "a", "down", true), Map.of("name", "b"), Map.of("name", "c", "down", false)))
            .with("nums", List.of(1, 2, 3, 4, 5))
            .with("none_list", List.of());

    @Test
    void aFilteredLoopBindsTheLoopVariableInItsCondition() {
        assertThat(t.text("{% for u in upstreams if not u.down | default(false) %}{{ u.name }}{% endfor %}")).isEqualTo("bc");
        assertThat(t.text("{% for u in upstreams if u.down is defined %}{{ u.name }}{% endfor %}")).isEqualTo("ac");
        assertThat(t.text("{% for n in nums if n is odd %}{{ n }}{% endfor %}")).isEqualTo("135");
        assertThat(t.text("{% for n in names if n is match('[a-z]') and n != 'db1' %}{{ n }}{% endfor %}")).isEqualTo("web1");
        assertThat(t.text("{% for n in nums if n in [2, 4] %}{{ n }}{% endfor %}")).isEqualTo("24");
        assertThat(t.text("{% for k, v in cfg.opts | dictsort if v %}{{ k }}={{ v }}{% endfor %}")).isEqualTo("level=3");
        assertThat(t.text("{% for k, v in cfg.opts.items() if not v %}{{ k }}{% endfor %}")).isEqualTo("debug");
        assertThat(t.text("{% for k in cfg.opts if k.startswith('l') %}{{ k }}{% endfor %}")).isEqualTo("level");
        // an `if` inside brackets belongs to the iterable
        assertThat(t.text("{% for n in (nums if flag else []) if n > 3 %}{{ n }}{% endfor %}")).isEqualTo("45");
    }

    @Test
    void loopCountsOnlyTheKeptItems() {
        assertThat(t.text("{% for n in nums if n is even %}{{ loop.index }}/{{ loop.length }}:{{ n }}"
                + "{{ ',' if not loop.last }}{% endfor %}")).isEqualTo("1/2:2,2/2:4");
        assertThat(t.text("{% for n in nums if n > 2 %}{{ loop.first }}{{ loop.revindex }}{% endfor %}"))
                .isEqualTo("True3False2False1");
    }

    @Test
    void theFilterDoesNotLeakTheLoopVariable() {
        assertThat(t.with("n", "outer").text("{% for n in nums if n > 4 %}{{ n }}{% endfor %}{{ n }}")).isEqualTo("5outer");
    }

    @Test
    void anUndefinedNameInTheConditionIsAnError() {
        assertThatThrownBy(() -> t.text("{% for n in nums if missing %}{{ n }}{% endfor %}"))
                .isInstanceOf(TemplateError.class).hasMessageContaining("'missing' is undefined");
    }

    @Test
    void elseRendersOnlyWhenNothingWasIterated() {
        assertThat(t.text("{% for n in names %}{{ n }};{% else %}none{% endfor %}")).isEqualTo("web1;Web2;db1;");
        assertThat(t.text("{% for n in none_list %}{{ n }};{% else %}none{% endfor %}")).isEqualTo("none");
        assertThat(t.text("{% for n in nums if n > 9 %}{{ n }}{% else %}no big numbers{% endfor %}")).isEqualTo("no big numbers");
        assertThat(t.text("{% for k in {} %}{{ k }}{% else %}empty dict{% endfor %}")).isEqualTo("empty dict");
        // an else belonging to an if inside the loop is the if's
        assertThat(t.text("{% for n in nums %}{% if n is odd %}o{% else %}e{% endif %}{% endfor %}")).isEqualTo("oeoeo");
        assertThat(t.text("{% for a in none_list %}{% else %}{% for b in names %}{{ b }}{% else %}x{% endfor %}{% endfor %}"))
                .isEqualTo("web1Web2db1");
    }

    @Test
    void elseKeepsTrimBlocksAndDashes() {
        String template = "{% for n in none_list %}\n- {{ n }}\n{% else %}\nnothing\n{% endfor %}\nend\n";
        assertThat(t.text(template)).isEqualTo("nothing\nend\n");
        assertThat(t.text("{% for n in names -%}\n {{ n }}\n{%- else -%}\n E \n{%- endfor %}")).isEqualTo("web1Web2db1");
    }

    @Test
    void noneIsAValueNotAMissingName() {
        assertThat(t.text("{% for x in [1, none, 2] %}[{{ x }}|{{ x is none }}]{% endfor %}")).isEqualTo("[1|False][|True][2|False]");
        assertThat(t.text("{% for x in [none] %}{{ x is defined }}{{ [x] }}{% endfor %}")).isEqualTo("True[None]");
        assertThat(t.text("{% for k, v in {'a': none}.items() %}{{ k }}{{ v is none }}{% endfor %}")).isEqualTo("aTrue");
        assertThat(t.text("{% set y = none %}{{ y is none }}|{{ y }}|{{ y | default('d') }}")).isEqualTo("True||");
        // a loop variable named like an outer variable is None, not the outer value
        assertThat(t.text("{% for host in [none] %}{{ host is none }}{% endfor %}{{ host }}")).isEqualTo("Truedb1");
        assertThat(t.text("{% set n = 1 %}{% for n in [none] %}{{ n is none }}{% endfor %}")).isEqualTo("True");
    }

    @Test
    void aLoopAsATaskArgumentRendersToText() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("content", "{% for u in upstreams if u.down | default(false) == false %}server {{ u.name }};\n{% endfor %}");
        assertThat(t.render(args)).isEqualTo(Map.of("content", "server b;\nserver c;\n"));
    }

    private List<Object> with(String lookup, Object terms) {
        return TemplateFixture.TEMPLAR.loopItems(lookup, terms, t.scope(), "files");
    }

    @Test
    void withSequenceCountsAsAnsibleDoes() {
        assertThat(with("sequence", "start=1 end=5")).containsExactly("1", "2", "3", "4", "5");
        assertThat(with("sequence", "count=3 start=4 stride=2 format=host%02d")).containsExactly("host04", "host06", "host08");
        assertThat(with("sequence", "2-10/4:x%x")).containsExactly("x2", "x6", "xa");
        assertThat(with("sequence", "start=5 end=1 stride=-2")).containsExactly("5", "3", "1");
        assertThat(with("sequence", "start=0x0a end=0x0c")).containsExactly("10", "11", "12");
        assertThat(with("sequence", "end={{ port - 5430 }}")).containsExactly("1", "2");
        assertThat(with("sequence", "count=0")).isEmpty();
    }

    @Test
    void withSequenceRejectsWhatAnsibleRejects() {
        assertThatThrownBy(() -> with("sequence", "start=1")).hasMessageContaining("must specify count or end in with_sequence");
        assertThatThrownBy(() -> with("sequence", "end=3 count=2")).hasMessageContaining("can't specify both count and end in with_sequence");
        assertThatThrownBy(() -> with("sequence", "start=5 end=1")).hasMessageContaining("to count backwards make stride negative");
        assertThatThrownBy(() -> with("sequence", "end=3 format=%d%d")).hasMessageContaining("bad formatting string: %d%d");
    }

    @Test
    void withSubelementsPairsEachElementWithItsSubItemsWithoutTheSubList() {
        Map<String, Object> alice = new LinkedHashMap<>(Map.of("name", "alice", "keys", List.of("k1", "k2")));
        Map<String, Object> bob = new LinkedHashMap<>(Map.of("name", "bob"));
        List<Object> items = with("subelements", List.of(List.of(alice, bob), "keys", Map.of("skip_missing", true)));
        assertThat(items).hasSize(2);
        assertThat(t.with("x", items).text("{{ x }}|{{ x[1][1] }}")).isEqualTo("[({'name': 'alice'}, 'k1'), ({'name': 'alice'}, 'k2')]|k2");
        assertThat(alice).containsKey("keys"); // the variable itself is left alone
        assertThatThrownBy(() -> with("subelements", List.of(List.of(alice, bob), "keys")))
                .hasMessageContaining("could not find 'keys' key in iterated item '{'name': 'bob'}'");
        Map<String, Object> nested = Map.of("name", "n", "home", Map.of("dirs", List.of("a", "b")));
        List<Object> dirs = with("subelements", List.of(List.of(nested), "home.dirs")).stream()
                .map(p -> ((List<?>) p).get(1)).map(Object.class::cast).toList();
        assertThat(dirs).containsExactly("a", "b");
    }

    @Test
    void withNestedCartesianTogetherAndIndexedItems() {
        assertThat(with("nested", List.of(List.of("a", "b"), List.of(1, 2))))
                .containsExactly(List.of("a", 1), List.of("a", 2), List.of("b", 1), List.of("b", 2));
        assertThat(with("cartesian", List.of(List.of("a"), List.of(1, 2), "x")))
                .containsExactly(List.of("a", 1, "x"), List.of("a", 2, "x"));
        assertThat(with("together", List.of(List.of("a", "b", "c"), List.of(1, 2))))
                .containsExactly(List.of("a", 1), List.of("b", 2), java.util.Arrays.asList("c", null));
        assertThat(t.with("x", with("indexed_items", List.of("a", List.of("b", "c")))).text("{{ x }}"))
                .isEqualTo("[(0, 'a'), (1, 'b'), (2, 'c')]");
        assertThat(with("dict", Map.of("k", 1))).containsExactly(Map.of("key", "k", "value", 1));
        assertThatThrownBy(() -> with("dict", List.of("not a dict"))).hasMessageContaining("with_dict expects a dict");
        assertThatThrownBy(() -> with("no_such", List.of())).hasMessageContaining("lookup named 'no_such'");
    }
}
