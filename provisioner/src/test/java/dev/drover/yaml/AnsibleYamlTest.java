package dev.drover.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnsibleYamlTest {

    private static Object value(String yaml) {
        return ((Map<?, ?>) AnsibleYaml.loadString("v: " + yaml, Path.of("test.yml"))).get("v");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"yes,true", "Yes,true", "YES,true", "on,true", "ON,true", "true,true", "True,true",
            "no,false", "No,false", "off,false", "Off,false", "false,false", "FALSE,false"})
    void readsTheBooleansAnsibleUsersWrite(String written, boolean expected) {
        assertThat(value(written)).isEqualTo(expected);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"yEs", "y", "n", "'yes'", "\"no\""})
    void leavesOtherSpellingsAndQuotedWordsAsText(String written) {
        assertThat(value(written)).isInstanceOf(String.class);
    }

    @Test
    void readsAModeWithALeadingZeroAsOctalLikePyYaml() {
        assertThat(value("0644")).isEqualTo(420);
        assertThat(value("'0644'")).isEqualTo("0644");
        assertThat(value("644")).isEqualTo(644);
        assertThat(value("0x1F")).isEqualTo(31);
        assertThat(value("1_000")).isEqualTo(1000);
        assertThat(value("1:30")).isEqualTo(90);
    }

    @Test
    void readsNullsAndFloats() {
        assertThat(value("~")).isNull();
        assertThat(value("null")).isNull();
        assertThat(value("")).isNull();
        assertThat(value("1.5")).isEqualTo(1.5);
        assertThat(value("1e3")).isEqualTo("1e3");
    }

    @Test
    void keepsKeyOrderAndPositions() {
        YamlMap map = (YamlMap) AnsibleYaml.loadString("b: 1\na: 2\nc:\n  d: 3\n", Path.of("pos.yml"));
        assertThat(map.keySet()).containsExactly("b", "a", "c");
        assertThat(map.locationOf("a").line()).isEqualTo(2);
        assertThat(((YamlMap) map.get("c")).location().toString()).isEqualTo("pos.yml:4:3");
    }

    @Test
    void mergesKeysAndLetsTheLastDuplicateWin() {
        Map<?, ?> map = (Map<?, ?>) AnsibleYaml.loadString(
                "base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\ndup: 1\ndup: 2\n", Path.of("m.yml"));
        Map<?, ?> child = (Map<?, ?>) map.get("child");
        assertThat(child.get("x")).isEqualTo(1);
        assertThat(child.get("y")).isEqualTo(3);
        assertThat(map.get("dup")).isEqualTo(2);
    }

    @Test
    void aSyntaxErrorNamesFileLineAndColumnWithAHint() {
        assertThatThrownBy(() -> AnsibleYaml.loadString("- name: x\n  command: a\n bad: [", Path.of("broken.yml")))
                .isInstanceOf(YamlError.class)
                .satisfies(e -> {
                    YamlError error = (YamlError) e;
                    assertThat(error.location().file()).isEqualTo(Path.of("broken.yml"));
                    assertThat(error.location().line()).isEqualTo(3);
                    assertThat(error.describe()).startsWith("broken.yml:3:").contains("indentation");
                });
    }

    @Test
    void keepsVaultValuesAsCiphertext() {
        Object secret = value("!vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162");
        assertThat(secret).isInstanceOf(VaultText.class);
        assertThat(((VaultText) secret).ciphertext()).startsWith("$ANSIBLE_VAULT");
    }

    @Test
    void listsAreImmutable() {
        List<?> list = (List<?>) value("[1, 2]");
        assertThatThrownBy(() -> ((List<Object>) list).add(3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
