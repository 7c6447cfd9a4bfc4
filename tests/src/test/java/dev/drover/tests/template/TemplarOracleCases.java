package dev.drover.tests.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table the oracle test renders with both Drover's Templar and ansible-playbook. Each
 * entry is a piece of template text; a bare expression is wrapped in {{ }}. Variables come
 * from template-oracle/vars.json (raw, so some of them are templates themselves).
 *
 * <p>Known differences left out of the table: a variable named like a JUEL keyword
 * ({@code empty}, {@code div}, {@code mod}, {@code eq}, {@code lt}...) cannot be referenced
 * (Jinjava's expression language, not fixable from outside); {@code xs. 0} (a space after the
 * dot) is a syntax error; {@code {% for %}} has no {@code recursive}. A lone {@code {{ expr }}}
 * keeps its native type (an int stays an int), where Ansible 2.14 turns ints, floats and None
 * into text, except a plain variable ({@code {{ port }}}); with a trailing newline to keep,
 * Drover gives text too, as Ansible does.
 */
final class TemplarOracleCases {

    private TemplarOracleCases() {}

    /** Rendered inside a template file, so values print as Python prints them. */
    static final List<String> EXPRESSIONS = List.of(
            // variables, lazy templating, printing
            "host", "port", "url", "cfg.url", "cfg['listen']", "cfg.tags", "cfg.tags[1]", "cfg.opts", "chain1",
            "names", "nums", "floats", "mixed", "empty_list", "empty_str", "none_value", "flag_true", "flag_false",
            "users[0]", "users[-1].name", "hv['lab2']['ip']", "hv.lab1.role", "derived_list", "derived_flag",
            "big", "neg", "ratio", "quote_me", "apostrophe", "unicode", "[apostrophe, quote_me]", "{'k': apostrophe}",
            // arithmetic and literals
            "1 + 2", "10 / 4", "10 / 5", "7 // 2", "7 % 3", "2 ** 10", "0.1 + 0.2", "1e20", "1.5e-7", "3.0", "-0.0 + 1",
            "'a' ~ 1 ~ true", "'x' ~ none_value", "port ~ '/tcp'", "[1, 2] + [3]", "(1, 'a')", "{'a': 1, 'b': [true, none]}",
            "not flag_true", "flag_true and not flag_false", "port > 1000", "'b' in names", "'db1' in names",
            "'x' not in csv", "3 if flag_true else 4", "nums[1:3]", "text[:5]", "text[-5:]", "text | length",
            // python methods
            "host.startswith('db')", "path.endswith('.conf')", "csv.split(',')", "text.split()", "text.lower()",
            "text.upper()", "spaces.strip()", "spaces.lstrip()", "spaces.rstrip()", "text.replace('World', 'There')",
            "text.find('World')", "'{}-{}'.format(host, port)", "cfg.keys() | list", "cfg.opts.values() | list",
            "cfg.opts.items() | list", "cfg.get('name')", "cfg.get('missing', 'fallback')", "multiline.splitlines()",
            "'-'.join(names)", "text.title()", "'ab'.capitalize()",
            // defaults and definedness
            "missing | default('dflt')", "missing | d('short')", "empty_str | default('was empty')",
            "empty_str | default('was empty', true)", "zero | default(5, true)", "none_value | default('n')",
            "missing is defined", "missing is undefined", "cfg.name is defined", "cfg.nope is defined",
            "hv.lab3 is defined", "hv.lab3.ip is defined", "broken | default('recovered')", "broken is defined",
            "none_value is none", "host is none", "(missing | default(omit)) == omit",
            // type conversion
            "'42' | int", "'3.9' | int", "'abc' | int", "'ff' | int(base=16)", "'7' | int + 1", "'2.5' | float",
            "'x' | float", "5 | float", "port | string", "flag_true | string", "'yes' | bool", "'off' | bool",
            "'1' | bool", "'True' | bool", "0 | bool", "flag_true | ternary('on', 'off')",
            "none_value | ternary('t', 'f', 'n')", "-3 | abs", "3.7 | round", "2.5 | round", "3.14159 | round(2)",
            "3.2 | round(0, 'ceil')", "3.8 | round(0, 'floor')", "[1, 2] | type_debug", "cfg | type_debug",
            // strings
            "text | lower", "text | upper", "'hello world' | capitalize", "'hello world' | title", "spaces | trim",
            "text | replace('o', '0')", "text | replace('o', '0', 1)", "'ab' | center(8)", "multiline | indent(2)",
            "multiline | indent(2, true)", "'a b' | quote", "\"it's\" | quote", "'' | quote", "csv | split(',')",
            "'%s:%d' | format(host, port)", "path | basename", "path | dirname", "'/a/b/' | dirname", "text | b64encode",
            "'SGVsbG8gV29ybGQ=' | b64decode", "text | hash('sha1')", "text | hash('md5')", "text | hash('sha256')",
            "text | checksum", "text | md5", "'a b&c' | urlencode", "{'a': 'x y', 'b': 1} | urlencode", "text | reverse",
            "text | wordcount",
            // regex
            "path | regex_replace('\\\\.conf$', '.bak')", "'abc123def' | regex_replace('(\\\\d+)', '<\\\\1>')",
            "'key=value' | regex_replace('^(?P<k>\\\\w+)=(?P<v>\\\\w+)$', '\\\\g<v>=\\\\g<k>')",
            "'ABC' | regex_replace('b', 'x', ignorecase=true)", "'abc123def456' | regex_search('\\\\d+')",
            "'abc123def456' | regex_search('(\\\\w)(\\\\d)', '\\\\2', '\\\\1')", "('nothing' | regex_search('\\\\d')) is none",
            "'abc123def456' | regex_findall('\\\\d+')", "'a1b2' | regex_findall('([a-z])(\\\\d)')", "'a.b*c' | regex_escape",
            "host is match('db')", "host is match('b1')", "host is search('b1')", "host is regex('^d.1$')",
            // lists
            "names | length", "names | count", "names | first", "names | last", "nums | min", "nums | max", "names | min",
            "names | max", "nums | sum", "floats | sum", "nums | sort", "nums | sort(reverse=true)", "names | sort",
            "names | sort(case_sensitive=true)", "users | sort(attribute='uid') | map(attribute='name') | list",
            "['a', 'A', 'b', 'a'] | unique", "[1, 2, 1, 3] | unique", "names | reverse | list", "names | join",
            "names | join(', ')", "users | map(attribute='name') | join(',')", "[[1, 2], [3, [4, [5]]]] | flatten",
            "[[1, 2], [3, [4, [5]]]] | flatten(1)", "[1, none, 'None', 2] | flatten", "[1, 2, 3, 4] | difference([2, 4, 5])",
            "[1, 2, 3] | intersect([2, 3, 4])", "[1, 2] | union([2, 3])", "[1, 2] | symmetric_difference([2, 3])",
            "[1, 2, 3] | zip(['a', 'b', 'c']) | list", "names | map('upper') | list",
            "names | map('regex_replace', '\\\\d', '#') | list", "users | map(attribute='shell', default='/bin/sh') | list",
            "nums | select('gt', 1) | list", "nums | reject('odd') | list", "users | selectattr('active') | map(attribute='name') | list",
            "users | rejectattr('active') | map(attribute='name') | list", "users | selectattr('uid', 'equalto', 999) | list | length",
            "users | selectattr('shell', 'defined') | map(attribute='name') | list", "users | selectattr('name', 'match', 'a|b') | map(attribute='name') | list",
            "names | select('search', '\\\\d') | list", "mixed | select | list", "'abc' | list", "[1, 2, 3] | batch(2) | list",
            "range(3) | list", "range(1, 10, 3) | list", "users | sum(attribute='uid')", "nums | max - nums | min",
            // dicts
            "base | combine(overlay)", "base | combine(overlay, recursive=true)",
            "base | combine(overlay, recursive=true, list_merge='append')", "[base, overlay, {'d': 4}] | combine",
            "cfg.opts | dict2items", "kv | items2dict", "cfg.opts | dict2items(key_name='k', value_name='v')",
            "packages | dictsort | first", "cfg.opts | length",
            // data formats
            "cfg.opts | to_json", "mixed | to_json", "{'b': [1, 2], 'a': 'x'} | to_json(sort_keys=true)", "unicode | to_json",
            "users[0] | to_nice_json", "json_text | from_json", "(json_text | from_json).a", "yaml_text | from_yaml",
            "names | to_yaml", "users[0] | to_yaml", "cfg.opts | to_nice_yaml", "users | to_nice_yaml", "long_text | to_yaml",
            "{'q': \"it's\", 'e': '', 'n': '123', 'b': 'yes', 'c': 'a: b', 't': 'tab\\there'} | to_yaml", "multiline | to_yaml",
            "1.5 | to_yaml", "{'x': none, 'y': true} | to_nice_yaml",
            // tests on results, versions, sets
            "result_changed is changed", "result_changed is failed", "result_failed is failed", "result_failed is succeeded",
            "result_changed is success", "result_skipped is skipped", "result_changed is skipped", "result_loop is changed",
            "version is version('2.14', '>=')", "version is version('2.14.10', '<')", "version is version_compare('2.14.3', '==')",
            "'1.10' is version('1.9', 'gt')", "'1.0.0' is version('1.0', 'eq', strict=true)", "[1, 2] is subset([1, 2, 3])",
            "[1, 2, 3] is superset([3])", "host is string", "port is number", "port is integer", "ratio is float",
            "cfg is mapping", "names is sequence", "names is iterable", "flag_true is boolean", "host is boolean",
            "port is equalto(5432)", "port == 5432", "'db1' is in(names)", "4 is even", "7 is odd", "9 is divisibleby(3)",
            "'/etc' is directory", "'/etc/hostname' is file", "'/no/such/path' is exists",
            // operators and comparisons with Python semantics
            "10 // 3", "-7 // 2", "7 % 3", "2 ** 3", "7 / 7", "1 == 1.0", "'abc' < 'abd'", "[1, 2] == [1, 2]",
            "none_value == none", "names | length == 4", "'a' in {'a': 1}", "{'a': 1}.a", "3 in nums", "ratio * 3",
            "1000000 * 1000000", "port | int > 5000", "9 is divisibleby 3", "'abc' is string and 'abc' is not number",
            "names is not string", "missing is not defined", "'x' if missing is defined else 'y'",
            // indexing and chaining
            "users[0]['name']", "names[0][0]", "cfg['opts']['level'] + 1", "cfg['tags'] | last", "(nums | sort)[0]",
            "names[1:]", "[] | first | default('none')", "missing | default([]) | length",
            "(cfg.opts | dict2items | first).key", "hv | dict2items | selectattr('value.role', 'eq', 'db') | map(attribute='key') | list",
            "users | selectattr('groups', 'contains', 'dev') | map(attribute='name') | list",
            "users | map(attribute='groups') | map('length') | list", "names | map('lower') | select('search', 'b') | list",
            "users | map(attribute='name') | map('upper') | list", "range(5) | map('string') | join(',')",
            "cfg.opts | combine({'new': 1}) | to_json", "{'b': 1, 'a': 2} | dictsort", "(1, 2) | list", "names | batch(3) | list",
            "cfg.opts.debug | ternary('yes', 'no')", "lookup('file', 'hello.txt') | length", "omit is string",
            "'%.2f' | format(ratio)", "'%s is %s' | format('a', 1)", "'%05d' | format(42)", "42 | string | length",
            "'true' | bool", "'no' | bool", "{\"it's\": 'x'}", "'a\\nb'", "'{' ~ '}'", "text | truncate(5)",
            "'  x  ' | trim", "'a-b-c' | split('-')", "text | split(' ') | first",
            "missing | default('') is match('a')", "host | upper is match('DB')", "names | length is not number",
            "'nothing' | regex_search('\\\\d') is none", "['lab1', 'lab2'] | map('extract', hv, 'ip') | list",
            "['lab2'] | map('extract', hv) | map(attribute='role') | list", "{'a': {'b': {'c': 1}}}", "base | combine({'b': {'q': {'r': 1}}}, recursive=true)",
            // statements
            "{% for k in cfg.opts %}{{ k }};{% endfor %}", "{% for k, v in cfg.opts | dictsort %}{{ k }}={{ v }};{% endfor %}",
            "{% for i in range(3) %}{{ loop.index0 }}{{ loop.revindex }}{{ loop.length }}{% if not loop.last %},{% endif %}{% endfor %}",
            "{% set ns = namespace(total=0) %}{% for n in nums %}{% set ns.total = ns.total + n %}{% endfor %}{{ ns.total }}",
            "{% if missing is defined and missing %}a{% elif port > 1 %}b{% else %}c{% endif %}",
            "{% raw %}{{ not rendered }}{% endraw %}",
            "{% set acc = [] %}{% for n in nums %}{% set _ = acc.append(n * 2) %}{% endfor %}{{ acc }}",
            "{% for u in users %}{{ u.name }}{{ ',' if not loop.last }}{% endfor %}",
            "{% for name, pkg in packages.items() %}{{ name }}:{{ pkg.enabled }} {% endfor %}",
            "{{ host }}{# comment #}{{ port }}", "a {{- ' b ' -}} c", "{% if true -%}  x  {%- endif %}",
            // for loops with a filter and an else branch (Jinjava has neither)
            "{% for u in upstreams if not u.down | default(false) %}{{ u.name }}{% endfor %}",
            "{% for u in users if u.active %}{{ loop.index }}/{{ loop.length }}:{{ u.name }}{{ ',' if not loop.last }}{% endfor %}",
            "{% for n in nums if n is even %}{{ loop.index0 }}{{ n }}{{ loop.first }}{% else %}none{% endfor %}",
            "{% for n in nums if n > 100 %}{{ n }}{% else %}none{% endfor %}", "{% for x in empty_list %}{{ x }}{% else %}empty{% endfor %}",
            "{% for x in names %}{{ x }}{% else %}empty{% endfor %}", "{% for k in {} %}{{ k }}{% else %}no keys{% endfor %}",
            "{% for k, v in packages | dictsort if v.enabled %}{{ k }}={{ v.version }};{% endfor %}",
            "{% for k, v in cfg.opts.items() if not v %}{{ k }}{% endfor %}",
            "{% for u in users if u.shell is defined and u.shell is search('bash') %}{{ u.name }}{% endfor %}",
            "{% for n in nums if n in [1, 2] %}{{ n }}{% endfor %}", "{% for n in (nums if flag_true else []) if n < 3 %}{{ n }}{% endfor %}",
            "{% for n in nums %}{% if n > 2 %}big{% else %}small{% endif %}{% endfor %}",
            "{% for a in empty_list %}{% else %}{% for b in names if b is match('w') %}{{ b }}{% else %}x{% endfor %}{% endfor %}",
            // None held by a template's own variable is None, not undefined
            "{% for x in mixed %}[{{ x }}|{{ x is none }}]{% endfor %}", "{% for x in [none] %}{{ x is defined }}{{ [x] }}{% endfor %}",
            "{% for k, v in {'a': none}.items() %}{{ k }}{{ v is none }}{% endfor %}",
            "{% set y = none %}{{ y is none }}|{{ y }}|{{ y | default('d') }}",
            "{% for host in [none] %}{{ host is none }}{% endfor %}{{ host }}", "{% set n = 1 %}{% for n in [none] %}{{ n is none }}{% endfor %}",
            // text from string-producing filters inside a list or dict
            "nums | map('string') | list", "{'p': port | string}", "[cfg.opts | to_json]",
            // not binds more loosely than comparisons, tests and filters
            "not host == 'web1'", "not host != 'db1'", "not missing | default(false)", "not 'x' in names", "not host in names",
            "not host is string", "not port > 1000 or flag_true", "not 0 + 1", "not flag_true == false", "[not flag_true, 1]",
            // xs.0 indexes; Python's %, * and **
            "names.0", "users.1.name", "(nums | sort).0", "cfg.tags.1", "'abc'.1", "names.0 ~ names.1", "[[1, 2], [3]].0.1",
            "-7 % 3", "7 % -3", "-7.5 % 2", "neg % 3", "port % 7", "2 ** -1", "2 ** 100", "2 ** 0.5", "'ab' * 3", "3 * 'ab'",
            "[1, 2] * 2", "'-' * 0", "'%s:%d' % (host, port)", "'%s!' % host", "'%(a)s-%(b)s' % {'a': 1, 'b': 2}",
            "'%05.1f%%' % ratio",
            // Python's == and in: numbers by value whatever their Java type, containers deeply
            "numbers_sorted == [1, 2, 3]", "(nums | sort) != [-4, 1, 2, 3, 10]", "True == 1", "1 == '1'", "none == false",
            "[1, 2] == (1, 2)", "(1, 2) == (1.0, 2)", "{1: 'a'} == {1.0: 'a'}", "{'a': [1, 2]} == {'a': [1.0, 2.0]}",
            "2 ** 64 == 2.0 ** 64", "2 ** 53 + 1 == 2.0 ** 53", "-0.0 == 0", "1 in [1.0]", "'1' in nums",
            "[1, 2] in [[1.0, 2.0]]", "(1, 2) in [[1, 2]]", "1 in {1.0: 'a'}", "3.0 not in nums", "'b' in 'abc'",
            "[1, 'a', 1.0, true] | unique", "[[1], [1.0]] | unique", "[{'a': 1}, {'a': 1.0}] | unique",
            "[1, 2, 3] | difference([1.0])", "[1, 2.0] | intersect([2])", "[1.0] | union([1])",
            "users | selectattr('uid', 'equalto', 1001.0) | map(attribute='name') | list",
            "[1, 2, 1.0] | select('equalto', 1) | list", "nums is contains(3.0)", "2 is in([1.0, 2.0])",
            "1 is sameas 1.0", "true is sameas 1", "'a' is sameas 'a'", "[1, 2].index(2.0)", "[1, 1.0, true].count(1)",
            "{1: 'one'}.get(1.0)", "{1: 'a'}", "{port: 'db'}", "{true: 'x'}[1]", "{1: 'a', 1.0: 'b'}",
            "{% if numbers_sorted == [1, 2, 3] %}sorted{% endif %}",
            // lookups
            "lookup('env', 'HOME')", "lookup('env', 'NO_SUCH_ENV_VAR_HERE')", "lookup('file', 'hello.txt')",
            "lookup('template', 'inner.j2')", "lookup('pipe', 'echo piped; echo second')", "query('pipe', 'echo q')",
            "q('env', 'HOME')", "lookup('vars', 'host')", "lookup('items', [1, 2], wantlist=true)",
            // string literals in a template file: Python's escapes, an unknown one keeps its backslash
            "'a.b.c' | regex_replace('\\.', '-')", "'x1y22' | regex_findall('\\d+')", "'tab\\there'", "'a\\\\b'",
            "'it\\'s'", "\"q\\\"uote\"", "'\\x41\\u00e9\\101\\N{BULLET}'", "'a\\\nb'",
            "{% set pattern = '^(\\w+)\\.lab$' %}{{ 'db1.lab' | regex_replace(pattern, '\\\\1') }}");

    /** Strings templated as task arguments are: a lone {{ }} keeps its type, text that reads as a literal converts. */
    static final List<String> NATIVE = List.of(
            "{{ names }}", "{{ cfg.opts }}", "{{ flag_true }}", "{{ '[1, 2]' }}", "{{ 'True' }}", "[{{ port }}, '{{ host }}']",
            "{'a': {{ port }}}", "prefix {{ names }}", "{{ host }}-{{ port }}", "{{ derived_list }}", "{{ cfg.opts | to_json }}",
            "{{ users | map(attribute='name') | list }}", "  {{ names }}", "{{ port > 1 }}", "{{ none_value }}-x",
            // trailing and leading whitespace: Jinja2 drops the last newline, Ansible puts back what text lost
            "{{ host }}\n", "{{ host }}\n\n", "x {{ host }}\n\n", "line1 {{ host }}\nline2\n", "{{ host -}}  \n", "{{ host }}\t\n",
            "\n{{ host }}", "{{ host }} ", " {{ host }}", "{{ names }}\n", "{{ names }}\n\n", "{{ names }} ", "[{{ port }}]\n",
            "{{ flag_true }}\n", "{{ derived_list }}\n", "{{ port }}\n", "{{ port }}\n\n", "{{ port + 1 }}\n", "{{ none_value }}\n",
            "{{ none_value | default(none) }}\n", "{{ cfg.opts }}\n", "{{ '[1, 2]' }}\n", "{{ cfg | to_nice_json }}\n", "{{ names | to_json }}\n", "{{ names | string }}\n",
            "{% for u in upstreams if not u.down | default(false) %}server {{ u.name }};\n{% endfor %}",
            "{% for u in upstreams if u.missing is defined %}{{ u }}{% else %}none{% endfor %}\n",
            // in a playbook, a backslash in a {{ }} literal means itself (Ansible doubles it first); in {% %} it escapes
            "{{ 'a.b.c' | regex_replace('\\.', '-') }}", "{{ 'x\\ny' }}", "{{ 'a\\\\b' }}", "{{ ['\\d', '\\t'] }}",
            "{{ {'k': 'v\\w'} }}", "{{ 'db1.lab' | regex_replace('^(\\w+)\\.lab$', '\\1') }}",
            "{% if 'x\\ny' | length == 3 %}three{% endif %}", "{{ 'a' }}{% if '\\n' | length == 1 %}one{% endif %}",
            "{# it's \\ #}{{ '\\n' | length }}{% raw %}{{ '\\n' }}{% endraw %}");

    /** when: conditions. */
    static final List<String> CONDITIONS = List.of(
            "flag_true", "flag_false", "not flag_false", "port > 1000 and host == 'db1'", "names | length > 3",
            "missing is defined", "missing is not defined", "cfg.nope is undefined", "result_changed is changed",
            "'web1' in names", "str_true | bool", "str_yes | bool", "zero", "empty_list", "derived_flag",
            "{{ flag_true }}", "version is version('2.0', '>')", "empty_str", "not host == 'web1'",
            "not missing | default(false)", "not 'x' in names and not flag_false == true", "nums.0 % 2 == 1",
            "users | selectattr('active') | list | length > 1", "numbers_sorted == [1, 2, 3]",
            "numbers | sort == [1.0, 2.0, 3.0]", "3 in numbers_sorted and '3' not in numbers_sorted",
            "'a\\nb' | length == 3", "'1.5' is match('\\d\\.\\d')", "'a.b' is search('\\\\.')");

    /** Templates that must fail, with the message Ansible gives. */
    static final List<String> ERRORS = List.of(
            "{{ missing }}", "{{ cfg.nope }}", "{{ missing.attr }}", "{{ broken }}", "{{ missing | upper }}",
            "{{ names[10] }}", "{{ hv.lab3.ip }}", "{{ missing | mandatory }}", "{{ 1 in 'abc' }}",
            "{{ 'x' in none_value }}", "{{ today() }}", "{{ datetimeformat(1) }}", "{{ strtotime('2020', 'yyyy') }}");

    /** Whole template files, rendered by the template module. */
    static final List<String> TEMPLATE_FILES = List.of("whitespace.j2", "config.j2", "notrail.j2", "twotrail.j2");

    /** Templates that others include, copied alongside. */
    static final List<String> INCLUDED_FILES = List.of("inner_blocks.j2");

    /**
     * Template files rendered by the template module with its options (argument names and
     * values as a task gives them), compared as the bytes written. crlf.j2 has CRLF line breaks.
     */
    static final List<OptionCase> TEMPLATE_OPTION_CASES = List.of(
            new OptionCase("blocks.j2"),
            new OptionCase("blocks.j2", "trim_blocks", false),
            new OptionCase("blocks.j2", "lstrip_blocks", true),
            new OptionCase("blocks.j2", "trim_blocks", false, "lstrip_blocks", true),
            new OptionCase("crlf.j2"),
            new OptionCase("crlf.j2", "newline_sequence", "\r\n"),
            new OptionCase("newlines.j2", "newline_sequence", "\r\n"),
            new OptionCase("newlines.j2", "newline_sequence", "\r"),
            new OptionCase("newlines.j2", "newline_sequence", "\\r\\n"),
            new OptionCase("delimiters.j2", "block_start_string", "[%", "block_end_string", "%]", "variable_start_string", "[[",
                    "variable_end_string", "]]", "comment_start_string", "[#", "comment_end_string", "#]"),
            new OptionCase("delimiters.j2", "block_start_string", "[%", "block_end_string", "%]", "variable_start_string", "[[",
                    "variable_end_string", "]]", "comment_start_string", "[#", "comment_end_string", "#]",
                    "lstrip_blocks", true, "trim_blocks", false),
            new OptionCase("delimiters2.j2", "variable_start_string", "<<", "variable_end_string", ">>"),
            new OptionCase("encoding.j2", "output_encoding", "latin-1"),
            new OptionCase("encoding.j2", "output_encoding", "utf-16"));

    /** One template task: the file and the options it is given. */
    record OptionCase(String file, Map<String, Object> options) {
        OptionCase(String file, Object... namesAndValues) {
            this(file, pairs(namesAndValues));
        }

        private static Map<String, Object> pairs(Object... namesAndValues) {
            Map<String, Object> options = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                options.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return options;
        }
    }
}
