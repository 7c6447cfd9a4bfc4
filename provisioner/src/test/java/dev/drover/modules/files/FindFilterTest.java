package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** find's name matching, age and size, as Ansible's pfilter, agefilter and sizefilter decide. */
class FindFilterTest {

    @Test
    void globsMatchWholeNamesLikeFnmatch() throws Exception {
        FindFilter txt = FindFilter.of(List.of("*.txt", "data?.csv", "[ab]*.log", "[!x]y"), List.of(), false);
        assertThat(txt.matches("notes.txt")).isTrue();
        assertThat(txt.matches("notes.txt.bak")).isFalse();
        assertThat(txt.matches("data1.csv")).isTrue();
        assertThat(txt.matches("data12.csv")).isFalse();
        assertThat(txt.matches("app.log")).isTrue();
        assertThat(txt.matches("cat.log")).isFalse();
        assertThat(txt.matches("ay")).isTrue();
        assertThat(txt.matches("xy")).isFalse();
        assertThat(txt.matches(".hidden.txt")).isTrue();
    }

    @Test
    void anUnclosedBracketIsLiteralAndDotsAreNotWildcards() throws Exception {
        FindFilter odd = FindFilter.of(List.of("[abc", "a.b"), List.of(), false);
        assertThat(odd.matches("[abc")).isTrue();
        assertThat(odd.matches("a.b")).isTrue();
        assertThat(odd.matches("axb")).isFalse();
    }

    @Test
    void excludesWinOverPatterns() throws Exception {
        FindFilter filter = FindFilter.of(List.of("*.txt"), List.of("s*", "*.bak.txt"), false);
        assertThat(filter.matches("one.txt")).isTrue();
        assertThat(filter.matches("six.txt")).isFalse();
        assertThat(filter.matches("one.bak.txt")).isFalse();
    }

    @Test
    void noPatternsMeansEverything() throws Exception {
        assertThat(FindFilter.of(List.of(), List.of(), false).matches("anything")).isTrue();
        assertThat(FindFilter.of(List.of(), List.of(), true).matches("anything")).isTrue();
    }

    @Test
    void regularExpressionsAreAnchoredAtTheStartOnly() throws Exception {
        FindFilter regex = FindFilter.of(List.of("t\\w+\\.(txt|log)"), List.of(), true);
        assertThat(regex.matches("three.txt")).isTrue();
        assertThat(regex.matches("two.log.old")).isTrue();
        assertThat(regex.matches("a-three.txt")).isFalse();
    }

    @Test
    void ageAndSizeUnits() {
        assertThat(FindFilter.seconds("2d")).isEqualTo(172800L);
        assertThat(FindFilter.seconds("-3h")).isEqualTo(-10800L);
        assertThat(FindFilter.seconds("1W")).isEqualTo(604800L);
        assertThat(FindFilter.seconds("30")).isEqualTo(30L);
        assertThat(FindFilter.seconds("three days")).isNull();
        assertThat(FindFilter.bytes("10k")).isEqualTo(10240L);
        assertThat(FindFilter.bytes("-1m")).isEqualTo(-1048576L);
        assertThat(FindFilter.bytes("2g")).isEqualTo(2147483648L);
        assertThat(FindFilter.bytes("12")).isEqualTo(12L);
        assertThat(FindFilter.bytes("1.5k")).isNull();
    }

    @Test
    void positiveMeansAtLeastNegativeMeansAtMost() {
        assertThat(FindFilter.ageMatches(3600L, 10_000, 5_000)).isTrue();
        assertThat(FindFilter.ageMatches(3600L, 10_000, 9_000)).isFalse();
        assertThat(FindFilter.ageMatches(-3600L, 10_000, 9_000)).isTrue();
        assertThat(FindFilter.sizeMatches(2048L, 3000)).isTrue();
        assertThat(FindFilter.sizeMatches(-20L, 19)).isTrue();
        assertThat(FindFilter.sizeMatches(-20L, 21)).isFalse();
        assertThat(FindFilter.sizeMatches(null, 21)).isTrue();
    }
}
