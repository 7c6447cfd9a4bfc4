package dev.drover.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class PythonRegexTest {

    @Test
    void namedGroupsAndBackrefsInPythonSpelling() throws FileModuleError {
        PythonRegex re = PythonRegex.compile("^(?P<key_name>\\w+)=(?P<v>\\d+)(?P=v)?$");
        Matcher m = re.matcher("port=80\n");
        assertThat(m.find()).isTrue();
        assertThat(re.expand(m, "\\g<key_name>: \\g<v> \\2\\t\\g<1>")).isEqualTo("port: 80 80\tport");
    }

    @Test
    void anUnmatchedGroupExpandsToNothing() throws FileModuleError {
        PythonRegex re = PythonRegex.compile("^(a)(b)?");
        Matcher m = re.matcher("ax");
        assertThat(m.find()).isTrue();
        assertThat(re.expand(m, "[\\1\\2]")).isEqualTo("[a]");
    }

    @Test
    void bracesThatAreNotQuantifiersAreLiteral() throws FileModuleError {
        assertThat(PythonRegex.compile("{mark}").search("# {mark} x")).isTrue();
        assertThat(PythonRegex.compile("a{,2}b").search("aab")).isTrue();
        assertThat(PythonRegex.compile("x{}").search("x{}")).isTrue();
    }

    @Test
    void dollarMatchesBeforeTheTrailingNewlineOnly() throws FileModuleError {
        assertThat(PythonRegex.compile("b$").search("b\n")).isTrue();
        assertThat(PythonRegex.compile("b$").search("b\r\n")).isFalse();
        assertThat(PythonRegex.compile("b\\Z").search("b\n")).isFalse();
    }

    @Test
    void classesTreatBracketsAndAmpersandsLiterally() throws FileModuleError {
        assertThat(PythonRegex.compile("[]a]").search("]")).isTrue();
        assertThat(PythonRegex.compile("[[x]").search("[")).isTrue();
        assertThat(PythonRegex.compile("[a&&b]").search("&")).isTrue();
    }

    @Test
    void detectsALeadingMultilineFlag() throws FileModuleError {
        assertThat(PythonRegex.compile("(?m)^b").multiline()).isTrue();
        assertThat(PythonRegex.compile("^b").multiline()).isFalse();
    }
}
