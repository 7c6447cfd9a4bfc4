package dev.drover.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Jinja2's and Ansible's tests: definedness, types, comparison, regex, task results, versions, sets, paths. */
final class AnsibleTests {

    private AnsibleTests() {}

    static List<AnsibleTest> all() {
        return List.of(
                AnsibleTest.acceptingUndefined("defined", (v, a) -> !(v instanceof Undefined)),
                AnsibleTest.acceptingUndefined("undefined", (v, a) -> v instanceof Undefined),
                AnsibleTest.acceptingUndefined("none", (v, a) -> v == null),
                AnsibleTest.of("string", (v, a) -> v instanceof String),
                AnsibleTest.of("number", (v, a) -> Numbers.isNumber(v)),
                AnsibleTest.of("integer", (v, a) -> Numbers.isInteger(v)),
                AnsibleTest.of("float", (v, a) -> Numbers.isFloat(v)),
                AnsibleTest.of("boolean", (v, a) -> v instanceof Boolean),
                AnsibleTest.of("true", (v, a) -> Boolean.TRUE.equals(v)),
                AnsibleTest.of("false", (v, a) -> Boolean.FALSE.equals(v)),
                AnsibleTest.of("mapping", (v, a) -> v instanceof Map),
                AnsibleTest.of("sequence", (v, a) -> v instanceof Collection || v instanceof String || v instanceof Map),
                AnsibleTest.of("iterable", (v, a) -> v instanceof Collection || v instanceof String || v instanceof Map),
                AnsibleTest.of("callable", (v, a) -> false),
                AnsibleTest.of("lower", (v, a) -> PythonRepr.str(v).equals(PythonRepr.str(v).toLowerCase())),
                AnsibleTest.of("upper", (v, a) -> PythonRepr.str(v).equals(PythonRepr.str(v).toUpperCase())),
                AnsibleTest.of("truthy", (v, a) -> a.bool(0, "convert_bool", false) ? Boolean.TRUE.equals(Truthiness.toBool(v)) : Truthiness.of(v)),
                AnsibleTest.of("falsy", (v, a) -> a.bool(0, "convert_bool", false) ? !Boolean.TRUE.equals(Truthiness.toBool(v)) : !Truthiness.of(v)),
                AnsibleTest.of("equalto", (v, a) -> PythonEquality.equal(v, a.required(0, "other"))),
                AnsibleTest.of("eq", (v, a) -> PythonEquality.equal(v, a.required(0, "other"))),
                AnsibleTest.of("==", (v, a) -> PythonEquality.equal(v, a.required(0, "other"))),
                AnsibleTest.of("sameas", (v, a) -> PythonEquality.sameAs(v, a.required(0, "other"))),
                AnsibleTest.of("ne", (v, a) -> !PythonEquality.equal(v, a.required(0, "other"))),
                AnsibleTest.of("!=", (v, a) -> !PythonEquality.equal(v, a.required(0, "other"))),
                AnsibleTest.of("lt", (v, a) -> Numbers.compare(v, a.required(0, "other")) < 0),
                AnsibleTest.of("lessthan", (v, a) -> Numbers.compare(v, a.required(0, "other")) < 0),
                AnsibleTest.of("<", (v, a) -> Numbers.compare(v, a.required(0, "other")) < 0),
                AnsibleTest.of("le", (v, a) -> Numbers.compare(v, a.required(0, "other")) <= 0),
                AnsibleTest.of("<=", (v, a) -> Numbers.compare(v, a.required(0, "other")) <= 0),
                AnsibleTest.of("gt", (v, a) -> Numbers.compare(v, a.required(0, "other")) > 0),
                AnsibleTest.of("greaterthan", (v, a) -> Numbers.compare(v, a.required(0, "other")) > 0),
                AnsibleTest.of(">", (v, a) -> Numbers.compare(v, a.required(0, "other")) > 0),
                AnsibleTest.of("ge", (v, a) -> Numbers.compare(v, a.required(0, "other")) >= 0),
                AnsibleTest.of(">=", (v, a) -> Numbers.compare(v, a.required(0, "other")) >= 0),
                AnsibleTest.of("in", (v, a) -> PythonEquality.isIn(v, a.required(0, "seq"))),
                AnsibleTest.of("contains", (v, a) -> PythonEquality.isIn(a.required(0, "value"), v)),
                AnsibleTest.of("divisibleby", (v, a) -> Numbers.asDouble(v) % Numbers.asDouble(a.required(0, "num")) == 0),
                AnsibleTest.of("even", (v, a) -> ((Number) v).longValue() % 2 == 0),
                AnsibleTest.of("odd", (v, a) -> ((Number) v).longValue() % 2 != 0),
                AnsibleTest.of("match", (v, a) -> regex(v, a, "match")),
                AnsibleTest.of("search", (v, a) -> regex(v, a, "search")),
                AnsibleTest.of("regex", (v, a) -> regex(v, a, a.string(3, "match_type", "search"))),
                AnsibleTest.of("changed", (v, a) -> TaskResultTests.changed(v)),
                AnsibleTest.of("change", (v, a) -> TaskResultTests.changed(v)),
                AnsibleTest.of("failed", (v, a) -> TaskResultTests.failed(v)),
                AnsibleTest.of("failure", (v, a) -> TaskResultTests.failed(v)),
                AnsibleTest.of("succeeded", (v, a) -> !TaskResultTests.failed(v)),
                AnsibleTest.of("success", (v, a) -> !TaskResultTests.failed(v)),
                AnsibleTest.of("successful", (v, a) -> !TaskResultTests.failed(v)),
                AnsibleTest.of("skipped", (v, a) -> TaskResultTests.skipped(v)),
                AnsibleTest.of("skip", (v, a) -> TaskResultTests.skipped(v)),
                AnsibleTest.of("finished", (v, a) -> TaskResultTests.finished(v)),
                AnsibleTest.of("reachable", (v, a) -> !TaskResultTests.flag(v, "unreachable", "reachable")),
                AnsibleTest.of("unreachable", (v, a) -> TaskResultTests.flag(v, "unreachable", "unreachable")),
                AnsibleTest.of("version", VersionTest::test),
                AnsibleTest.of("version_compare", VersionTest::test),
                AnsibleTest.of("subset", (v, a) -> subset(v, a.required(0, "b"))),
                AnsibleTest.of("issubset", (v, a) -> subset(v, a.required(0, "b"))),
                AnsibleTest.of("superset", (v, a) -> subset(a.required(0, "b"), v)),
                AnsibleTest.of("issuperset", (v, a) -> subset(a.required(0, "b"), v)),
                AnsibleTest.of("file", (v, a) -> Files.isRegularFile(Path.of(PythonRepr.str(v)))),
                AnsibleTest.of("directory", (v, a) -> Files.isDirectory(Path.of(PythonRepr.str(v)))),
                AnsibleTest.of("exists", (v, a) -> Files.exists(Path.of(PythonRepr.str(v)))),
                AnsibleTest.of("link", (v, a) -> Files.isSymbolicLink(Path.of(PythonRepr.str(v)))),
                AnsibleTest.of("abs", (v, a) -> PythonRepr.str(v).startsWith("/")));
    }

    private static boolean regex(Object value, FilterArgs args, String matchType) {
        var pattern = PythonRegex.compile(args.string(0, "pattern", ""), args.bool(1, "ignorecase", false),
                args.bool(2, "multiline", false));
        var matcher = pattern.matcher(PythonRepr.str(value));
        return switch (matchType) {
            case "match" -> matcher.lookingAt();
            case "fullmatch" -> matcher.matches();
            default -> matcher.find();
        };
    }

    private static boolean subset(Object a, Object b) {
        Collection<?> big = ListFilters.iterable(b);
        for (Object item : ListFilters.iterable(a)) {
            if (!PythonEquality.contains(big, item)) {
                return false;
            }
        }
        return true;
    }
}
