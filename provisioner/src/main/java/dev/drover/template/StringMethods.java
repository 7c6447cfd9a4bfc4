package dev.drover.template;

import java.util.ArrayList;
import java.util.List;

/** Python's str methods, as templates call them on strings. */
final class StringMethods {

    private StringMethods() {}

    static Object call(String s, String name, Object[] args) {
        switch (name) {
            case "startswith":
                return affix(s, PythonMethods.arg(args, 0, ""), true);
            case "endswith":
                return affix(s, PythonMethods.arg(args, 0, ""), false);
            case "split":
                return split(s, (String) PythonMethods.arg(args, 0, null), intArg(args, 1, -1));
            case "rsplit":
                return rsplit(s, (String) PythonMethods.arg(args, 0, null), intArg(args, 1, -1));
            case "splitlines":
                return splitlines(s);
            case "strip":
                return strip(s, (String) PythonMethods.arg(args, 0, null), true, true);
            case "lstrip":
                return strip(s, (String) PythonMethods.arg(args, 0, null), true, false);
            case "rstrip":
                return strip(s, (String) PythonMethods.arg(args, 0, null), false, true);
            case "lower":
                return s.toLowerCase();
            case "upper":
                return s.toUpperCase();
            case "title":
                return TextFilters.title(s);
            case "capitalize":
                return TextFilters.capitalize(s);
            case "replace":
                return replace(s, PythonRepr.str(PythonMethods.arg(args, 0, "")), PythonRepr.str(PythonMethods.arg(args, 1, "")),
                        intArg(args, 2, -1));
            case "find":
                return s.indexOf(PythonRepr.str(PythonMethods.arg(args, 0, "")));
            case "rfind":
                return s.lastIndexOf(PythonRepr.str(PythonMethods.arg(args, 0, "")));
            case "index": {
                int index = s.indexOf(PythonRepr.str(PythonMethods.arg(args, 0, "")));
                if (index < 0) {
                    throw new RenderFailure("substring not found");
                }
                return index;
            }
            case "count": {
                String sub = PythonRepr.str(PythonMethods.arg(args, 0, ""));
                if (sub.isEmpty()) {
                    return s.length() + 1;
                }
                int count = 0;
                for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                    count++;
                }
                return count;
            }
            case "join": {
                List<String> parts = new ArrayList<>();
                for (Object item : ListFilters.iterable(PythonMethods.arg(args, 0, List.of()))) {
                    parts.add(PythonRepr.str(item));
                }
                return String.join(s, parts);
            }
            case "format":
                return StringFormat.braces(s, args);
            case "isdigit":
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum":
                return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace":
                return !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase());
            case "isupper":
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase());
            case "zfill": {
                int width = intArg(args, 0, 0);
                String sign = s.startsWith("-") || s.startsWith("+") ? s.substring(0, 1) : "";
                String digits = s.substring(sign.length());
                return s.length() >= width ? s : sign + "0".repeat(width - s.length()) + digits;
            }
            case "ljust": {
                int width = intArg(args, 0, 0);
                return s.length() >= width ? s : s + PythonMethods.arg(args, 1, " ").toString().repeat(width - s.length());
            }
            case "rjust": {
                int width = intArg(args, 0, 0);
                return s.length() >= width ? s : PythonMethods.arg(args, 1, " ").toString().repeat(width - s.length()) + s;
            }
            case "center":
                return TextFilters.center(s, intArg(args, 0, 0));
            default:
                throw PythonMethods.noAttribute(s, name);
        }
    }

    private static int intArg(Object[] args, int index, int fallback) {
        Object value = PythonMethods.arg(args, index, null);
        return value == null ? fallback : ((Number) value).intValue();
    }

    private static boolean affix(String s, Object affix, boolean start) {
        if (affix instanceof List<?> options) {
            for (Object option : options) {
                if (affix(s, option, start)) {
                    return true;
                }
            }
            return false;
        }
        String text = PythonRepr.str(affix);
        return start ? s.startsWith(text) : s.endsWith(text);
    }

    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int done = 0; done < count; done++) {
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            out.append(s, from, at).append(replacement);
            from = at + old.length();
        }
        return out.append(s.substring(from)).toString();
    }

    /** Python's str.split: no separator splits on runs of whitespace and drops empty ends. */
    static List<Object> split(String s, String sep, int maxsplit) {
        List<Object> parts = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (maxsplit >= 0 && parts.size() == maxsplit) {
                    parts.add(s.substring(i).stripTrailing());
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new RenderFailure("empty separator");
        }
        int from = 0;
        while (maxsplit < 0 || parts.size() < maxsplit) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<Object> rsplit(String s, String sep, int maxsplit) {
        if (maxsplit < 0 || sep == null) {
            return split(s, sep, maxsplit);
        }
        List<Object> parts = new ArrayList<>();
        int end = s.length();
        while (parts.size() < maxsplit) {
            int at = s.lastIndexOf(sep, end - sep.length());
            if (at < 0 || end - sep.length() < 0) {
                break;
            }
            parts.add(0, s.substring(at + sep.length(), end));
            end = at;
        }
        parts.add(0, s.substring(0, end));
        return parts;
    }

    static List<Object> splitlines(String s) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(s.substring(start, i));
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (left) {
            while (start < end && stripped(s.charAt(start), chars)) {
                start++;
            }
        }
        if (right) {
            while (end > start && stripped(s.charAt(end - 1), chars)) {
                end--;
            }
        }
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }
}
