package dev.drover.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template module's options, as Templar.renderText(text, scope, options) applies them.
 * Every expectation is what ansible 2.14's template action (Jinja2 3.1) renders.
 */
class TemplateOptionsTest {

    private static final TemplateOptions DEFAULTS = TemplateOptions.DEFAULTS;
    private static final TemplateOptions LSTRIP = DEFAULTS.withLstripBlocks(true);

    @TempDir
    Path dir;

    private final TemplateFixture t = new TemplateFixture().with("multi", "l1\nl2");

    private void assertRenders(Object... cases) {
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < cases.length; i += 3) {
            String template = (String) cases[i];
            TemplateOptions options = (TemplateOptions) cases[i + 1];
            String actual;
            try {
                actual = TemplateFixture.TEMPLAR.renderText(template, t.scope(), options);
            } catch (TemplateError e) {
                actual = "(error) " + e.getMessage();
            }
            if (!actual.equals(cases[i + 2])) {
                mismatches.append("\n  ").append(show(template)).append(" with ").append(options)
                        .append("\n    expected: ").append(show((String) cases[i + 2]))
                        .append("\n    actual:   ").append(show(actual));
            }
        }
        assertThat(mismatches.toString()).as("templates rendering differently than ansible").isEmpty();
    }

    private static String show(String text) {
        return "[" + text.replace("\r", "\\r").replace("\n", "\\n") + "]";
    }

    @Test
    void defaultsAreTheTemplateModules() {
        assertThat(DEFAULTS).isEqualTo(new TemplateOptions(true, false, "\n", "{{", "}}", "{%", "%}", "{#", "#}", "utf-8"));
        assertThat(t.text("a\n  {% if flag %}\n  b\n  {% endif %}\nc\n")).isEqualTo("a\n    b\n  c\n");
    }

    @Test
    void trimBlocksAndLstripBlocks() {
        String indented = "a\n  {% if flag %}\n  b\n  {% endif %}\nc\n";
        assertRenders(
                indented, DEFAULTS, "a\n    b\n  c\n",
                indented, DEFAULTS.withTrimBlocks(false), "a\n  \n  b\n  \nc\n",
                indented, LSTRIP, "a\n  b\nc\n",
                indented, DEFAULTS.withTrimBlocks(false).withLstripBlocks(true), "a\n\n  b\n\nc\n",
                // only whitespace from the start of a line goes, and never before {{ }}
                "x  {% if flag %}y{% endif %}  z", LSTRIP, "x  y  z",
                "{% if flag %}  {% endif %}|", LSTRIP, "  |",
                "{% if flag %}\n  {% endif %}|", LSTRIP, "|",
                "a\n  {{ host }}\nb", LSTRIP, "a\n  db1\nb",
                "{% for n in names %}{{ n }}{% if not loop.last %},{% endif %}{% endfor %}\n", LSTRIP, "web1,Web2,db1\n");
    }

    @Test
    void plusAndMinusAtTheEdgesOfATag() {
        assertRenders(
                "a\n  {%+ if flag %}b{% endif %}", LSTRIP, "a\n  b",
                "a\n  {%- if flag %}b{% endif %}", LSTRIP, "ab",
                "a\n  {%- if flag %}b{% endif %}", DEFAULTS, "ab",
                "{% if flag +%}\nb{% endif %}", DEFAULTS, "\nb",
                "{% if flag -%}\n\n  b{% endif %}", DEFAULTS, "b",
                "{{+ host }}|{{- host -}} |", DEFAULTS, "db1|db1|");
    }

    @Test
    void commentsAndRawBlocks() {
        assertRenders(
                "a\n  {# c #}\nb", LSTRIP, "a\nb",
                "a\n  {#+ c #}\nb", LSTRIP, "a\n  b",
                "a\n  {# c +#}\nb", DEFAULTS, "a\n  \nb",
                "{{ host }}{# c #}\n", DEFAULTS, "db1\n",
                // the line break after {% raw %} stays; the one after {% endraw %} goes
                "{% raw %}\n{{ x }}\n{% endraw %}\nz", DEFAULTS, "\n{{ x }}\nz",
                "  {% raw %}\n  {{ x }} {% y %}\n  {% endraw %}\nz", LSTRIP, "\n  {{ x }} {% y %}\nz",
                "a {%- raw -%}  {{ x }}  {%- endraw -%} b", DEFAULTS, "a{{ x }}b",
                "{% set d = {'a': '%}'} %}{{ d.a }}|{{ '}}' }}|{{ {'b': {'c': 1}}.b.c }}", DEFAULTS, "%}|}}|1");
        assertThatThrownBy(() -> t.text("{# unclosed")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("Missing end of comment tag");
        assertThatThrownBy(() -> t.text("{% raw %} unclosed")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("Missing end of raw directive");
    }

    @Test
    void lineBreaksAreReadAlikeAndWrittenAsTheNewlineSequence() {
        assertRenders(
                "l1\r\nl2\r\n{% if flag %}\r\nyes\r\n{% endif %}\r\n", DEFAULTS, "l1\nl2\nyes\n",
                "l1\rl2\r", DEFAULTS, "l1\nl2",
                "l1\nl2\n\n", DEFAULTS.withNewlineSequence("\r\n"), "l1\r\nl2\r\n\r\n",
                "l1\nl2\n\n", DEFAULTS.withNewlineSequence("\r"), "l1\rl2\r\r\r",
                // a variable's own line breaks are not the template's
                "{{ multi }}\n{% if flag %}\nx\n{% endif %}\n", DEFAULTS.withNewlineSequence("\r\n"), "l1\nl2\r\nx\r\n",
                "no template\n", DEFAULTS.withNewlineSequence("\r\n"), "no template\r\n");
        assertThat(DEFAULTS.withNewlineSequence("\\r\\n").newlineSequence()).isEqualTo("\r\n");
    }

    @Test
    void customDelimiters() {
        assertRenders(
                "[% if flag %]\n[[ host ]] {{ host }} {% raw %} {# c #}\n[% endif %]\n[# gone #]\n",
                DEFAULTS.withVariableStrings("[[", "]]").withBlockStrings("[%", "%]").withCommentStrings("[#", "#]"),
                "db1 {{ host }} {% raw %} {# c #}\n",
                "<< host >>-{{ host }}-{% if flag %}y{% endif %}", DEFAULTS.withVariableStrings("<<", ">>"), "db1-{{ host }}-y",
                "[[ [[1], [2]] | length ]]|[[- ' x ' -]]|", DEFAULTS.withVariableStrings("[[", "]]"), "2| x |");
    }

    @Test
    void includedTemplatesShareTheOptions() throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/inner_blocks.j2"), "  {% for n in [1] %}\n  inner {{ n }}\n  {% endfor %}\n");
        t.searchPaths = List.of(dir);
        assertRenders(
                "{% include 'inner_blocks.j2' %}|", DEFAULTS, "    inner 1\n  |",
                "{% include 'inner_blocks.j2' %}|", LSTRIP, "  inner 1\n|",
                "{% include 'inner_blocks.j2' %}|", DEFAULTS.withTrimBlocks(false), "  \n  inner 1\n  |");
    }

    @Test
    void outputEncodingMakesTheBytes() {
        assertThat(DEFAULTS.encode("café")).containsExactly('c', 'a', 'f', 0xc3, 0xa9);
        assertThat(DEFAULTS.withOutputEncoding("latin-1").encode("café")).containsExactly('c', 'a', 'f', 0xe9);
        // Python's utf-16: a byte order mark, then little-endian
        assertThat(DEFAULTS.withOutputEncoding("utf-16").encode("hé")).containsExactly(0xff, 0xfe, 'h', 0, 0xe9, 0);
        assertThatThrownBy(() -> DEFAULTS.withOutputEncoding("ascii").encode("café")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("'ascii' cannot encode the character 'é' at position 3");
    }

    @Test
    void invalidOptionsSayWhich() {
        assertThatThrownBy(() -> DEFAULTS.withNewlineSequence("\n\n")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("newline_sequence needs to be one of");
        assertThatThrownBy(() -> DEFAULTS.withVariableStrings("", null)).isInstanceOf(TemplateError.class)
                .hasMessageContaining("variable_start_string must not be empty");
        assertThatThrownBy(() -> DEFAULTS.withBlockStrings("{{", null)).isInstanceOf(TemplateError.class)
                .hasMessageContaining("start strings must be different");
        assertThatThrownBy(() -> DEFAULTS.withOutputEncoding("no-such-codec")).isInstanceOf(TemplateError.class)
                .hasMessageContaining("unknown encoding: no-such-codec");
    }
}
