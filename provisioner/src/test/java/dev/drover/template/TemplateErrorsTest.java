package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class TemplateErrorsTest {

    private final TemplateFixture t = new TemplateFixture();

    private String message(String template) {
        TemplateError error = catchThrowableOfType(TemplateError.class, () -> t.text(template));
        assertThat(error).as("%s should fail", template).isNotNull();
        return error.getMessage();
    }

    @Test
    void messagesNameTheTemplateAndTheProblemButNoJava() {
        for (String template : new String[] {"{{ 1 + }}", "{% if %}", "{{ host | nosuch }}", "{{ host.nosuch() }}",
            "{{ names | join(1, 2, 3, 4) }}", "{{ 'abc' | from_json }}", "{{ 'x' | regex_search('(') }}",
            "{{ [1, 'a'] | sort }}", "{{ lookup('pipe', 'exit 1') }}", "{{ host | int(base='x') }}", "{% for %}{% endfor %}"}) {
            String message = message(template);
            assertThat(message).as(template)
                    .startsWith("test: ")
                    .contains("(in template \"")
                    .doesNotContain("Exception", "java.", "com.hubspot", "jinjava", "RenderFailure", "\tat ");
        }
    }

    @Test
    void specificMessages() {
        assertThat(message("{{ host | nosuch }}")).contains("no filter named 'nosuch'");
        assertThat(message("{{ host.nosuch() }}")).contains("'str object' has no attribute 'nosuch'");
        assertThat(message("{{ 'abc' | from_json }}")).contains("from_json could not parse 'abc'");
        assertThat(message("{{ [1, 'a'] | sort }}")).contains("'<' not supported between instances of 'str' and 'int'");
        assertThat(message("{{ 'x' | regex_search('(') }}")).contains("invalid regular expression '('");
        assertThat(message("{{ 1 + }}")).contains("template syntax error");
    }

    /** Jinjava's own global functions are not Jinja2's or Ansible's: calling one fails as in Ansible. */
    @Test
    void jinjavaOnlyFunctionsAreUndefined() {
        for (String function : new String[] {"today()", "datetimeformat(1)", "strtotime('2020', 'yyyy')",
            "strtodate('2020', 'yyyy')", "unixtimestamp()", "format_date(1)", "format_time(1)", "format_datetime(1)",
            "type(1)", "truncate('abc', 1)", "nosuch()"}) {
            String name = function.substring(0, function.indexOf('('));
            assertThat(message("{{ " + function + " }}")).as(function).contains("'" + name + "' is undefined");
        }
        assertThat(t.text("{{ range(3) | list }}|{% set ns = namespace(n=1) %}{{ ns.n }}|{{ lookup('vars', 'host') }}"))
                .isEqualTo("[0, 1, 2]|1|db1");
    }

    @Test
    void longTemplatesAreShortenedInTheMessage() {
        String longTemplate = "x".repeat(300) + "{{ missing }}";
        assertThat(message(longTemplate)).contains("...").hasSizeLessThan(220);
    }
}
