package dev.drover.template;

import org.junit.jupiter.api.Test;

class TextFiltersTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("text", "Hello World").with("multi", "one\ntwo\n").with("path", "/etc/nginx/site.conf");

    @Test
    void caseAndWhitespace() {
        FilterCases.assertAll(t,
                "text | lower", "hello world", "text | upper", "HELLO WORLD", "'hELLO wORLD' | capitalize", "Hello world",
                "'hello big-world' | title", "Hello Big-World", "'  x  ' | trim", "x", "'xxaxx' | trim('x')", "a",
                "'ab' | center(6)", "  ab  ", "'abc' | center(6)", " abc  ");
    }

    @Test
    void replaceSplitJoinFormat() {
        FilterCases.assertAll(t,
                "text | replace('o', '0')", "Hell0 W0rld", "text | replace('o', '0', 1)", "Hell0 World",
                "'a,b,,c' | split(',')", "['a', 'b', '', 'c']", "' a  b ' | split", "['a', 'b']",
                "names | join(', ')", "web1, Web2, db1", "names | join", "web1Web2db1",
                "'%s:%d' | format(host, port)", "db1:5432", "'%.2f' | format(1.23456)", "1.23", "'%05d' | format(42)", "00042",
                "'{}:{}'.format(host, port)", "db1:5432", "text | wordcount", "2",
                "'Hello brave new world' | truncate(12)", "Hello...", "'short' | truncate(12)", "short");
    }

    @Test
    void indentLeavesTheFirstAndBlankLinesAlone() {
        FilterCases.assertAll(t,
                "multi | indent(2)", "one\n  two\n",
                "multi | indent(2, true)", "  one\n  two\n",
                "'a\\n\\nb' | indent(2)", "a\n\n  b",
                "'a\\n\\nb' | indent(2, blank=true)", "a\n  \n  b",
                "'a\\nb' | indent('> ')", "a\n> b");
    }

    @Test
    void quoteIsShellQuoting() {
        FilterCases.assertAll(t,
                "'plain-word_1.2/x' | quote", "plain-word_1.2/x", "'two words' | quote", "'two words'",
                "\"it's\" | quote", "'it'\"'\"'s'", "'' | quote", "''");
    }

    @Test
    void encodingsHashesAndPaths() {
        FilterCases.assertAll(t,
                "text | b64encode", "SGVsbG8gV29ybGQ=", "'SGVsbG8gV29ybGQ=' | b64decode", "Hello World",
                "'ünï' | b64encode | b64decode", "ünï",
                "text | hash('sha1')", "0a4d55a8d778e5022fab701977c5d840bbc486d0", "text | checksum", "0a4d55a8d778e5022fab701977c5d840bbc486d0",
                "text | hash('md5')", "b10a8db164e0754105b7a99be72e3fe5", "text | md5", "b10a8db164e0754105b7a99be72e3fe5",
                "text | hash('sha256')", "a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e",
                "path | basename", "site.conf", "path | dirname", "/etc/nginx", "'/a/b/' | dirname", "/a/b", "'/' | dirname", "/",
                "path | splitext", "('/etc/nginx/site', '.conf')",
                "'a b&c/d' | urlencode", "a%20b%26c/d", "{'a': 'x y', 'b': 1} | urlencode", "a=x+y&b=1");
    }

    @Test
    void regexFilters() {
        FilterCases.assertAll(t,
                "path | regex_replace('\\\\.conf$', '.bak')", "/etc/nginx/site.bak",
                "'abc123' | regex_replace('(\\\\d+)', '<\\\\1>')", "abc<123>",
                "'k=v' | regex_replace('^(?P<a>\\\\w)=(?P<b>\\\\w)$', '\\\\g<b>=\\\\g<a>')", "v=k",
                "'ABC' | regex_replace('b', 'x', ignorecase=true)", "AxC",
                "'a$b' | regex_replace('\\\\$', '$$')", "a$$b",
                "'abc123def456' | regex_search('\\\\d+')", "123",
                "'abc123' | regex_search('(\\\\w)(\\\\d)', '\\\\2', '\\\\1')", "['1', 'c']",
                "'key: val' | regex_search('(?P<v>val)', '\\\\g<v>')", "['val']",
                "('nothing' | regex_search('\\\\d')) is none", "True",
                "'a1b22' | regex_findall('\\\\d+')", "['1', '22']",
                "'a1b2' | regex_findall('([a-z])(\\\\d)')", "[('a', '1'), ('b', '2')]",
                "'A\\na' | regex_findall('^a', multiline=true, ignorecase=true)", "['A', 'a']",
                "'a.b*c' | regex_escape", "a\\.b\\*c");
    }
}
