package dev.drover.template;

import org.junit.jupiter.api.Test;

class TypeFiltersTest {

    private final TemplateFixture t = new TemplateFixture().with("empty_str", "").with("zero", 0);

    @Test
    void defaultAndItsBooleanArgument() {
        FilterCases.assertAll(t,
                "missing | default('x')", "x",
                "missing | default", "",
                "empty_str | default('x')", "",
                "empty_str | default('x', true)", "x",
                "zero | default(7, boolean=true)", "7",
                "host | d('x')", "db1");
    }

    @Test
    void conversions() {
        FilterCases.assertAll(t,
                "'42' | int", "42",
                "'3.9' | int", "3",
                "'junk' | int", "0",
                "'junk' | int(7)", "7",
                "'0x1f' | int(base=16)", "31",
                "'101' | int(0, 2)", "5",
                "true | int", "1",
                "'2.5' | float", "2.5",
                "'junk' | float", "0.0",
                "3 | float", "3.0",
                "port | string", "5432",
                "flag | string", "True",
                "names | string", "['web1', 'Web2', 'db1']");
    }

    @Test
    void boolFollowsAnsiblesToBool() {
        FilterCases.assertAll(t,
                "'yes' | bool", "True", "'On' | bool", "True", "'1' | bool", "True", "'true' | bool", "True",
                "'no' | bool", "False", "'false' | bool", "False", "'anything' | bool", "False", "1 | bool", "True",
                "0 | bool", "False", "nothing | bool", "");
    }

    @Test
    void ternaryAndNumbers() {
        FilterCases.assertAll(t,
                "flag | ternary('on', 'off')", "on",
                "(port < 10) | ternary('on', 'off')", "off",
                "nothing | ternary('t', 'f', 'none')", "none",
                "-3 | abs", "3", "-2.5 | abs", "2.5",
                "3.7 | round", "4.0", "2.5 | round", "2.0", "3.14159 | round(2)", "3.14",
                "3.2 | round(0, 'ceil')", "4.0", "3.8 | round(0, 'floor')", "3.0", "5 | round", "5",
                "names | type_debug", "list", "cfg | type_debug", "dict", "host | type_debug", "str", "port | type_debug", "int");
    }
}
