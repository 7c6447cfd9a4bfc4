package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** replace's edit: Python's re.subn with MULTILINE, groups, and after/before sections. */
class ReplaceEditTest {

    private static final String CONF = "[database]\nhost = db1\nport = 1\n[cache]\nhost = cache1\nport = 2\n";

    @Test
    void replacesEveryMatchWithGroupsAndCountsThem() throws Exception {
        Replace.Edit edit = Replace.edit("alpha beta\ngamma alpha\n", "alpha", "omega", null, null);
        assertThat(edit.text()).isEqualTo("omega beta\ngamma omega\n");
        assertThat(edit.count()).isEqualTo(2);
        Replace.Edit groups = Replace.edit(CONF, "^host = (?P<name>\\w+)$", "host = \\g<name>.internal # \\1", null, null);
        assertThat(groups.text()).contains("host = db1.internal # db1\n", "host = cache1.internal # cache1\n");
    }

    @Test
    void onlyInsideTheSection() throws Exception {
        Replace.Edit between = Replace.edit(CONF, "^host = .*$", "host = x", "\\[database\\]", "\\[cache\\]");
        assertThat(between.text()).isEqualTo("[database]\nhost = x\nport = 1\n[cache]\nhost = cache1\nport = 2\n");
        Replace.Edit after = Replace.edit(CONF, "^port = \\d+", "port = 9", "\\[cache\\]", null);
        assertThat(after.text()).endsWith("port = 9\n").contains("port = 1\n");
        Replace.Edit before = Replace.edit(CONF, "^port = \\d+", "port = 9", null, "\\[cache\\]");
        assertThat(before.text()).contains("port = 9\n[cache]").endsWith("port = 2\n");
    }

    @Test
    void aSectionThatIsNotThereIsReportedWithItsPattern() throws Exception {
        Replace.Edit none = Replace.edit(CONF, "x", "y", "NOPE", null);
        assertThat(none.sectionFound()).isFalse();
        assertThat(none.sectionPattern()).isEqualTo("NOPE(?P<subsection>.*)");
    }

    @Test
    void unicodeWordsAndSameTextIsNoChange() throws Exception {
        Replace.Edit unicode = Replace.edit("café crème\n", "(\\w+) crème", "\\1 brûlée", null, null);
        assertThat(unicode.text()).isEqualTo("café brûlée\n");
        Replace.Edit same = Replace.edit("a\n", "a", "a", null, null);
        assertThat(same.changed("a\n")).isFalse();
    }

    @Test
    void aBadEscapeInTheReplacementIsAnError() {
        assertThatThrownBy(() -> Replace.edit("a", "a", "\\q", null, null)).isInstanceOf(FileModuleError.class);
    }
}
