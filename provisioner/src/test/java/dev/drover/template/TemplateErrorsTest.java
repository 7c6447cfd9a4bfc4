package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                    .matches("(?s)test(: |, line 1: ).*")
                    .containsPattern("\\(in (template )?\"")
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

    /** A template file's mistake is named by its line, counted in the file as written, whatever trim_blocks removed. */
    @Test
    void aTemplateFilesMistakeNamesItsLine(@TempDir Path dir) throws Exception {
        String file = """
                # managed by drover
                {% if host == 'db1' %}
                {% for n in names %}
                upstream {{ n }};
                {% endfor %}
                {% endif %}
                {# a comment
                   over two lines #}
                server_name {{ host | nosuch }};
                """;
        assertThat(message(file)).startsWith("test, line 9: no filter named 'nosuch' (in \"server_name {{ host | nosuch }};\")");
        assertThat(message("a\n{% for n in names %}\n{{ n }}\n{% endfor %}\n{{ cfg.opts.level.deeper.still }}\n"))
                .startsWith("test, line 5: ");
        assertThat(message("a\nb\n{{ 1 + }}\n")).startsWith("test, line 3: template syntax error");
        assertThat(message("a\n{% if host %}\nno end\n")).startsWith("test, line 2: ");

        // A file the template lookup renders fails on its own line; here, on the line that looked it up.
        Files.writeString(dir.resolve("inner.j2"), "fine\n{{ missing_in_inner }}\n");
        t.searchPaths = List.of(dir);
        assertThat(message("one\ntwo\n{{ lookup('template', 'inner.j2') }}\n"))
                .startsWith("test, line 3: ").contains("missing_in_inner");
    }

    @Test
    void longTemplatesAreShortenedInTheMessage() {
        String longTemplate = "x".repeat(300) + "{{ missing }}";
        assertThat(message(longTemplate)).contains("...").hasSizeLessThan(220);
    }
}
