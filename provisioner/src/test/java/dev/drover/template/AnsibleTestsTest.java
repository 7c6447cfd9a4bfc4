package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsibleTestsTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("changed", Map.of("changed", true, "failed", false))
            .with("failed", Map.of("changed", false, "failed", true, "msg", "boom"))
            .with("skipped", Map.of("changed", false, "skipped", true))
            .with("looped", Map.of("results", List.of(Map.of("changed", false), Map.of("changed", true))))
            .with("version", "2.14.3");

    @Test
    void typesAndValues() {
        FilterCases.assertAll(t,
                "nothing is none", "True", "host is none", "False", "missing is none", "False",
                "host is string", "True", "port is string", "False", "port is number", "True", "1.5 is number", "True",
                "port is integer", "True", "1.5 is float", "True", "flag is boolean", "True", "host is boolean", "False",
                "cfg is mapping", "True", "names is mapping", "False", "names is sequence", "True", "host is iterable", "True",
                "port is iterable", "False", "0 is truthy", "False", "'x' is truthy", "True", "'' is falsy", "True",
                "port is equalto(5432)", "True", "port is eq 5432", "True", "port is ne(1)", "True", "port is gt(1000)", "True",
                "3 is lt 2", "False", "'db1' is in(names)", "True", "'db1' is in names", "True", "names is contains('web1')", "True",
                "4 is even", "True", "7 is odd", "True", "9 is divisibleby 3", "True", "'abc' is lower", "True");
    }

    @Test
    void regexTests() {
        FilterCases.assertAll(t,
                "host is match('db')", "True", "host is match('b1')", "False", "host is search('b1')", "True",
                "host is regex('^d.1$')", "True", "'DB1' is match('db', ignorecase=true)", "True",
                "host is not match('x')", "True",
                "missing | default('') is match('a')", "False", "host | upper is match('DB')", "True",
                "names | length is not number", "False");
    }

    @Test
    void registeredTaskResults() {
        FilterCases.assertAll(t,
                "changed is changed", "True", "changed is failed", "False", "failed is failed", "True",
                "failed is succeeded", "False", "changed is success", "True", "changed is successful", "True",
                "skipped is skipped", "True", "changed is skipped", "False", "looped is changed", "True",
                "failed is not changed", "True");
        assertThatThrownBy(() -> t.render("{{ host is changed }}")).hasMessageContaining("The 'changed' test expects a dictionary");
    }

    @Test
    void versions() {
        FilterCases.assertAll(t,
                "version is version('2.14', '>=')", "True", "version is version('2.14.10', '<')", "True",
                "version is version('2.14.3', '==')", "True", "version is version('2.14.3')", "True",
                "version is version_compare('2.15', 'lt')", "True", "'1.10' is version('1.9', 'gt')", "True",
                "'1.0.0' is version('1.0', 'eq', strict=true)", "True", "'1.2a1' is version('1.2', '<', strict=true)", "True",
                "'7.0-beta' is version('7.0', '>')", "True");
        assertThatThrownBy(() -> t.render("{{ 'x.y' is version('1.0', 'lt', strict=true) }}"))
                .hasMessageContaining("Version comparison failed: invalid version number 'x.y'");
        assertThatThrownBy(() -> t.render("{{ version is version('1.0', 'bigger') }}")).hasMessageContaining("Invalid operator type (bigger)");
    }

    @Test
    void setsAndPaths() {
        FilterCases.assertAll(t,
                "[1, 2] is subset([1, 2, 3])", "True", "[1, 4] is subset([1, 2, 3])", "False", "[1, 2, 3] is superset([3])", "True",
                "'/etc' is directory", "True", "'/etc' is file", "False", "'/etc/hostname' is exists", "True",
                "'/no/such' is exists", "False", "'/etc' is abs", "True", "'etc' is abs", "False");
    }

    @Test
    void anUnknownTestIsAnError() {
        assertThatThrownBy(() -> t.render("{{ host is frobnicated }}")).hasMessageContaining("no test named 'frobnicated'");
    }
}
