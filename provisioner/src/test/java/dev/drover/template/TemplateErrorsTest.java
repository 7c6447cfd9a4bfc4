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

    @Test
    void longTemplatesAreShortenedInTheMessage() {
        String longTemplate = "x".repeat(300) + "{{ missing }}";
        assertThat(message(longTemplate)).contains("...").hasSizeLessThan(220);
    }
}
