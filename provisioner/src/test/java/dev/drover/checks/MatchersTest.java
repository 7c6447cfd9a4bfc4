package dev.drover.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchersTest {

    @Test
    void plainValuesAreEqualAfterGossCoercions() {
        assertThat(Matchers.matches(true, true)).isTrue();
        assertThat(Matchers.matches("0644", "0644")).isTrue();
        assertThat(Matchers.matches(0, 0)).isTrue();
        assertThat(Matchers.matches(1500, "1500")).isTrue();
        assertThat(Matchers.matches(true, false)).isFalse();
        assertThat(Matchers.matches("root", null)).isFalse();
    }

    @Test
    void numericComparisons() {
        assertThat(Matchers.matches(Map.of("gt", 5), 6)).isTrue();
        assertThat(Matchers.matches(Map.of("gt", 5), 5)).isFalse();
        assertThat(Matchers.matches(Map.of("ge", 5), 5)).isTrue();
        assertThat(Matchers.matches(Map.of("lt", 1.5), 0.25)).isTrue();
        assertThat(Matchers.matches(Map.of("le", 1), 2)).isFalse();
        assertThat(Matchers.matches(Map.of("lt", 10), null)).isFalse();
    }

    @Test
    void stringMatchers() {
        assertThat(Matchers.matches(Map.of("have-prefix", "10.77."), "10.77.0.13/24")).isTrue();
        assertThat(Matchers.matches(Map.of("have-suffix", "/24"), "10.77.0.13/24")).isTrue();
        assertThat(Matchers.matches(Map.of("contain-substring", "77"), "10.77.0.13")).isTrue();
        assertThat(Matchers.matches(Map.of("match-regexp", "^\\d+\\.\\d+"), "1.2.3")).isTrue();
        assertThat(Matchers.matches(Map.of("match-regexp", "^x"), "1.2.3")).isFalse();
    }

    @Test
    void listMatchers() {
        List<String> groups = List.of("root", "adm", "sudo");
        assertThat(Matchers.matches(List.of("sudo", "root"), groups)).as("a list is contain-elements").isTrue();
        assertThat(Matchers.matches(List.of("sudo", "wheel"), groups)).isFalse();
        assertThat(Matchers.matches(Map.of("equal", List.of("root", "adm", "sudo")), groups)).as("equal: exact, ordered").isTrue();
        assertThat(Matchers.matches(Map.of("equal", List.of("adm", "root", "sudo")), groups)).isFalse();
        assertThat(Matchers.matches(Map.of("consist-of", List.of("sudo", "root")), groups)).isFalse();
        assertThat(Matchers.matches(Map.of("contain-element", "adm"), groups)).isTrue();
        assertThat(Matchers.matches(Map.of("contain-element", Map.of("have-prefix", "su")), groups)).isTrue();
        assertThat(Matchers.matches(Map.of("contain-elements", List.of("adm", "root")), groups)).isTrue();
        assertThat(Matchers.matches(Map.of("contain-elements", List.of("adm", "wheel")), groups)).isFalse();
        assertThat(Matchers.matches(Map.of("have-len", 3), groups)).isTrue();
        assertThat(Matchers.matches(Map.of("have-len", Map.of("gt", 3)), groups)).isFalse();
        assertThat(Matchers.matches(Map.of("consist-of", List.of(Map.of("have-prefix", "r"), "adm", "sudo")), groups)).isTrue();
    }

    @Test
    void textFoundOnTheHostIsItsLinesForListMatchersAndLosesItsLastNewlineForEquality() {
        assertThat(Matchers.matches(Map.of("contain-element", "beta"), "alpha\nbeta\n")).isTrue();
        assertThat(Matchers.matches(Map.of("have-len", 2), List.of("a", "b"))).isTrue();
        assertThat(Matchers.matches("hello", "hello\n")).isTrue();
        assertThat(Matchers.matches("hello", "hello\n\n")).isFalse();
    }

    @Test
    void logicalMatchers() {
        assertThat(Matchers.matches(Map.of("not", Map.of("contain-element", "wheel")), List.of("root"))).isTrue();
        assertThat(Matchers.matches(Map.of("and", List.of(Map.of("gt", 1), Map.of("lt", 5))), 3)).isTrue();
        assertThat(Matchers.matches(Map.of("and", List.of(Map.of("gt", 1), Map.of("lt", 5))), 7)).isFalse();
        assertThat(Matchers.matches(Map.of("or", List.of(true, false)), false)).isTrue();
        assertThat(Matchers.matches(Map.of("not", true), false)).isTrue();
    }

    @Test
    void gossPatternListsOnText() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n";
        assertThat(Verdicts.missingPatterns(List.of("root", "/^daemon:/", "!wheel"), passwd)).isEmpty();
        assertThat(Verdicts.missingPatterns(List.of("wheel", "!daemon", "/^bin:/"), passwd))
                .containsExactly("wheel", "!daemon", "/^bin:/");
        assertThat(Verdicts.missingPatterns(List.of("\\!important"), "this is !important\n")).isEmpty();
    }
}
