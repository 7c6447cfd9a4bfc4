package dev.drover.checks;

import dev.drover.SourceLocation;
import dev.drover.UserError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Goss's matchers, judged in Java against what a probe found. A plain value means "equal";
 * a one-key mapping names a matcher ({@code gt: 5}, {@code not: {contain-element: x}}); a
 * list means "contain-elements" (what was found holds at least these), as in Goss. Text
 * found on the host counts as its lines wherever a list is expected.
 */
final class Matchers {

    static final Set<String> NAMES = Set.of("equal", "not", "and", "or", "gt", "lt", "ge", "le", "have-prefix",
            "have-suffix", "contain-element", "contain-elements", "contain-substring", "match-regexp", "consist-of",
            "have-len", "have-key", "have-key-with-value");

    private Matchers() {
    }

    /** Rejects an unknown matcher or a malformed argument before anything runs. */
    static void validate(Object expected, SourceLocation where) {
        if (expected instanceof Map<?, ?> map) {
            if (map.size() != 1) {
                throw new UserError("a matcher is a mapping with one key, found " + map.keySet(), where,
                        "write e.g. {gt: 5} or {contain-element: x}; combine several with and: [...]");
            }
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String name = String.valueOf(entry.getKey());
            if (!NAMES.contains(name)) {
                throw new UserError("unknown matcher '" + name + "'" + Suggestion.didYouMean(name, NAMES), where,
                        "matchers: " + String.join(", ", new java.util.TreeSet<>(NAMES)));
            }
            Object argument = entry.getValue();
            switch (name) {
                case "and", "or", "consist-of", "contain-elements" -> {
                    if (!(argument instanceof List<?> list)) {
                        throw new UserError(name + " takes a list", where, "write " + name + ": [a, b]");
                    }
                    list.forEach(item -> validate(item, where));
                }
                case "gt", "lt", "ge", "le" -> {
                    if (number(argument) == null) {
                        throw new UserError(name + " takes a number, found '" + argument + "'", where, null);
                    }
                }
                case "match-regexp" -> {
                    try {
                        Pattern.compile(String.valueOf(argument));
                    } catch (PatternSyntaxException e) {
                        throw new UserError("match-regexp: invalid regular expression: " + e.getDescription(), where, null);
                    }
                }
                default -> validate(argument, where);
            }
        } else if (expected instanceof List<?> list) {
            list.forEach(item -> validate(item, where));
        }
    }

    static boolean matches(Object expected, Object actual) {
        if (expected instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            return apply(String.valueOf(entry.getKey()), entry.getValue(), actual);
        }
        if (expected instanceof List<?> list) {
            return containElements(list, actual);
        }
        return equal(expected, actual);
    }

    private static boolean containElements(List<?> expected, Object actual) {
        List<?> found = elements(actual);
        return expected.stream().allMatch(m -> found.stream().anyMatch(e -> matches(m, e)));
    }

    private static boolean apply(String name, Object argument, Object actual) {
        return switch (name) {
            case "equal" -> equal(argument, actual);
            case "not" -> !matches(argument, actual);
            case "and" -> ((List<?>) argument).stream().allMatch(m -> matches(m, actual));
            case "or" -> ((List<?>) argument).stream().anyMatch(m -> matches(m, actual));
            case "gt" -> compare(actual, argument) > 0;
            case "lt" -> compare(actual, argument) < 0 && number(actual) != null;
            case "ge" -> compare(actual, argument) >= 0;
            case "le" -> compare(actual, argument) <= 0 && number(actual) != null;
            case "have-prefix" -> text(actual).startsWith(text(argument));
            case "have-suffix" -> text(actual).endsWith(text(argument));
            case "contain-substring" -> text(actual).contains(text(argument));
            case "match-regexp" -> Pattern.compile(text(argument)).matcher(text(actual)).find();
            case "contain-element" -> elements(actual).stream().anyMatch(e -> matches(argument, e));
            case "contain-elements" -> containElements((List<?>) argument, actual);
            case "consist-of" -> consistOf((List<?>) argument, actual);
            case "have-len" -> matches(argument, length(actual));
            case "have-key" -> actual instanceof Map<?, ?> m && m.keySet().stream().anyMatch(k -> matches(argument, k));
            case "have-key-with-value" -> haveKeyWithValue(argument, actual);
            default -> false;
        };
    }

    /** Every expected matcher takes a distinct element, and no element is left over. */
    private static boolean consistOf(List<?> expected, Object actual) {
        List<Object> left = new ArrayList<>(elements(actual));
        if (left.size() != expected.size()) {
            return false;
        }
        for (Object matcher : expected) {
            int found = -1;
            for (int i = 0; i < left.size() && found < 0; i++) {
                if (matches(matcher, left.get(i))) {
                    found = i;
                }
            }
            if (found < 0) {
                return false;
            }
            left.remove(found);
        }
        return true;
    }

    private static boolean haveKeyWithValue(Object argument, Object actual) {
        if (!(argument instanceof Map<?, ?> wanted) || !(actual instanceof Map<?, ?> map)) {
            return false;
        }
        return wanted.entrySet().stream().allMatch(w -> map.entrySet().stream()
                .anyMatch(e -> matches(w.getKey(), e.getKey()) && matches(w.getValue(), e.getValue())));
    }

    /** Equality after Goss's coercions: numbers by value, booleans and text by their string form. */
    static boolean equal(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        BigDecimal left = number(expected);
        BigDecimal right = number(actual);
        if (left != null && right != null && !(expected instanceof String && actual instanceof String)) {
            return left.compareTo(right) == 0;
        }
        if (expected instanceof List<?> list) {
            // equal: [a, b] is Goss's exact, ordered comparison
            List<?> found = elements(actual);
            if (found.size() != list.size()) {
                return false;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!equal(list.get(i), found.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual instanceof Collection<?>) {
            return false;
        }
        if (expected instanceof String && actual instanceof String text && text.endsWith("\n")) {
            // command output and file contents end with a newline that nobody writes in a check
            return expected.equals(text) || expected.equals(text.substring(0, text.length() - 1));
        }
        return text(expected).equals(text(actual));
    }

    private static int compare(Object actual, Object argument) {
        BigDecimal found = number(actual);
        BigDecimal bound = number(argument);
        if (found == null || bound == null) {
            return Integer.MIN_VALUE;
        }
        return found.compareTo(bound);
    }

    private static Object length(Object actual) {
        if (actual instanceof Collection<?> c) {
            return c.size();
        }
        if (actual instanceof Map<?, ?> m) {
            return m.size();
        }
        return text(actual).length();
    }

    /** A value as a list: lists as they are, text as its lines (Goss splits on newlines), anything else alone. */
    static List<?> elements(Object actual) {
        if (actual instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (actual instanceof String text) {
            return text.isEmpty() ? List.of() : text.lines().toList();
        }
        return actual == null ? List.of() : List.of(actual);
    }

    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
