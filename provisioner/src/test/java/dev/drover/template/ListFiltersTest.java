package dev.drover.template;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListFiltersTest {

    private final TemplateFixture t = new TemplateFixture()
            .with("nums", List.of(3, 1, 2, 10, -4))
            .with("users", List.of(
                    Map.of("name", "alice", "uid", 1001, "active", true, "groups", List.of("wheel", "dev")),
                    Map.of("name", "bob", "uid", 1002, "active", false, "groups", List.of("dev")),
                    Map.of("name", "carol", "uid", 999, "active", true, "groups", List.of(), "shell", "/bin/zsh")));

    @Test
    void sizesAndEnds() {
        FilterCases.assertAll(t,
                "names | length", "3", "names | count", "3", "host | length", "3", "cfg | length", "2",
                "names | first", "web1", "names | last", "db1", "[] | first | default('empty')", "empty",
                "nums | min", "-4", "nums | max", "10", "names | min", "db1", "names | max", "Web2",
                "users | max(attribute='uid') | attr('name')", "bob", "nums | sum", "12", "[1.5, 2] | sum", "3.5",
                "users | sum(attribute='uid')", "3002", "[[1], [2]] | sum(start=[])", "[1, 2]");
    }

    @Test
    void sortUniqueReverse() {
        FilterCases.assertAll(t,
                "nums | sort", "[-4, 1, 2, 3, 10]", "nums | sort(reverse=true)", "[10, 3, 2, 1, -4]",
                "names | sort", "['db1', 'web1', 'Web2']", "names | sort(case_sensitive=true)", "['Web2', 'db1', 'web1']",
                "users | sort(attribute='uid') | map(attribute='name') | list", "['carol', 'alice', 'bob']",
                "['a', 'A', 'b', 'a'] | unique", "['a', 'b']", "['a', 'A'] | unique(case_sensitive=true)", "['a', 'A']",
                "[1, 2, 1, 3] | unique", "[1, 2, 3]", "names | reverse | list", "['db1', 'Web2', 'web1']", "'abc' | reverse", "cba",
                "'abc' | list", "['a', 'b', 'c']", "cfg | list", "['name', 'opts']", "[1, 2, 3, 4, 5] | batch(2) | list", "[[1, 2], [3, 4], [5]]");
    }

    @Test
    void flattenZipAndSets() {
        FilterCases.assertAll(t,
                "[[1, 2], [3, [4, [5]]]] | flatten", "[1, 2, 3, 4, 5]", "[[1, 2], [3, [4]]] | flatten(1)", "[1, 2, 3, [4]]",
                "[1, none, 'None', 'null', 2] | flatten", "[1, 2]", "[1, none] | flatten(skip_nulls=false)", "[1, None]",
                "[1, 2, 3] | zip(['a', 'b']) | list", "[(1, 'a'), (2, 'b')]",
                "[1, 2] | zip_longest(['a']) | list", "[(1, 'a'), (2, None)]",
                "[1, 2, 3, 4] | difference([2, 4, 5])", "[1, 3]", "[1, 2, 3] | intersect([2, 3, 4])", "[2, 3]",
                "[1, 2] | union([2, 3])", "[1, 2, 3]", "[1, 2] | symmetric_difference([2, 3])", "[1, 3]",
                "[1, 2, 2] | difference([])", "[1, 2]");
    }

    @Test
    void mapSelectReject() {
        FilterCases.assertAll(t,
                "names | map('upper') | list", "['WEB1', 'WEB2', 'DB1']",
                "names | map('regex_replace', '\\\\d', '#') | list", "['web#', 'Web#', 'db#']",
                "users | map(attribute='name') | list", "['alice', 'bob', 'carol']",
                "users | map(attribute='shell', default='/bin/sh') | list", "['/bin/sh', '/bin/sh', '/bin/zsh']",
                "users | map(attribute='groups.0') | map('default', 'none') | list", "['wheel', 'dev', 'none']",
                "nums | select('gt', 1) | list", "[3, 2, 10]", "nums | select('odd') | list", "[3, 1]",
                "nums | reject('odd') | list", "[2, 10, -4]", "[0, 1, '', 'a', none] | select | list", "[1, 'a']",
                "users | selectattr('active') | map(attribute='name') | list", "['alice', 'carol']",
                "users | rejectattr('active') | map(attribute='name') | list", "['bob']",
                "users | selectattr('uid', 'equalto', 999) | map(attribute='name') | list", "['carol']",
                "users | selectattr('uid', '>', 1000) | map(attribute='name') | list", "['alice', 'bob']",
                "users | selectattr('shell', 'defined') | map(attribute='name') | list", "['carol']",
                "users | rejectattr('shell', 'undefined') | map(attribute='name') | list", "['carol']",
                "users | selectattr('name', 'match', 'a|b') | map(attribute='name') | list", "['alice', 'bob']",
                "users | selectattr('groups', 'contains', 'dev') | map(attribute='name') | list", "['alice', 'bob']",
                "names | select('search', 'eb') | list", "['web1', 'Web2']",
                "names | select('in', ['db1', 'x']) | list", "['db1']");
    }
}
