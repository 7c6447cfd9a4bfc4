package dev.drover.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValueArgsTest {

    @Test
    void splitsKeyValuesAndUnquotes() {
        assertThat(KeyValueArgs.parse("src=a.conf dest=\"/etc/my app.conf\" mode=0644", false))
                .containsExactly(Map.entry("src", "a.conf"), Map.entry("dest", "/etc/my app.conf"), Map.entry("mode", "0644"));
    }

    @Test
    void keepsJinjaExpressionsWhole() {
        assertThat(KeyValueArgs.parse("msg={{ a | default('x y') }} var=b", false))
                .containsEntry("msg", "{{ a | default('x y') }}").containsEntry("var", "b");
    }

    @Test
    void freeFormCommandsKeepTheirTextAndGiveUpOnlyKnownKeys() {
        assertThat(KeyValueArgs.parse("FOO=bar env | grep FOO", true))
                .containsExactly(Map.entry("_raw_params", "FOO=bar env | grep FOO"));
        assertThat(KeyValueArgs.parse("make install chdir=/src creates=/usr/bin/x", true))
                .containsEntry("chdir", "/src").containsEntry("creates", "/usr/bin/x")
                .containsEntry("_raw_params", "make install");
    }

    /** As ansible-playbook 2.14 reads them (checked with a debug task): escapes decode in values, not in commands. */
    @Test
    void escapesInAValueAreDecodedAsAnsiblesParseKvDoes() {
        assertThat(KeyValueArgs.parse("msg=\"port is {{ port | default(\\\"none\\\") }}\"", false))
                .containsEntry("msg", "port is {{ port | default(\"none\") }}");
        assertThat(KeyValueArgs.parse("line=a\\tb regexp=^\\s+\\d", false))
                .containsEntry("line", "a\tb").containsEntry("regexp", "^\\s+\\d");
        assertThat(KeyValueArgs.parse("printf 'a\\tb' chdir=/tmp", true)).containsEntry("_raw_params", "printf 'a\\tb'");
    }
}
