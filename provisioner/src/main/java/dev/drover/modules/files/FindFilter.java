package dev.drover.modules.files;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pure part of Ansible's find: which names match the patterns and excludes (shell globs
 * as Python's fnmatch reads them, or Python regular expressions matched at the start of the
 * name), and the age and size arguments with their units.
 */
final class FindFilter {

    private static final Pattern AGE = Pattern.compile("^(-?\\d+)(s|m|h|d|w)?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)(b|k|m|g|t)?$");

    private final List<Pattern> patterns;
    private final List<Pattern> excludes;

    private FindFilter(List<Pattern> patterns, List<Pattern> excludes) {
        this.patterns = patterns;
        this.excludes = excludes;
    }

    /** Empty patterns mean everything ("*", or ".*" with regular expressions), as in Ansible. */
    static FindFilter of(List<String> patterns, List<String> excludes, boolean useRegex) throws FileModuleError {
        List<String> wanted = patterns.isEmpty() ? List.of(useRegex ? ".*" : "*") : patterns;
        return new FindFilter(compileAll(wanted, useRegex), compileAll(excludes, useRegex));
    }

    private static List<Pattern> compileAll(List<String> given, boolean useRegex) throws FileModuleError {
        List<Pattern> compiled = new java.util.ArrayList<>();
        for (String one : given) {
            if (useRegex) {
                // re.match: anchored at the start only; lookingAt() does that.
                compiled.add(Pattern.compile(PythonRegex.translate(one, new java.util.HashMap<>()),
                        Pattern.UNIX_LINES | Pattern.UNICODE_CHARACTER_CLASS));
            } else {
                compiled.add(Pattern.compile(globToRegex(one), Pattern.DOTALL));
            }
        }
        return compiled;
    }

    /** Ansible's pfilter: a name matches when a pattern matches it and no exclude does. */
    boolean matches(String name) {
        for (Pattern pattern : patterns) {
            if (test(pattern, name)) {
                return excludes.stream().noneMatch(e -> test(e, name));
            }
        }
        return false;
    }

    private static boolean test(Pattern pattern, String name) {
        Matcher m = pattern.matcher(name);
        // Globs are whole-name patterns (they end in \z); regular expressions only anchor at the start.
        return m.lookingAt();
    }

    /** Python's fnmatch.translate, written for java.util.regex. */
    static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                out.append(".*");
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    out.append("\\[");
                } else {
                    String inside = glob.substring(i, j);
                    i = j + 1;
                    StringBuilder set = new StringBuilder("[");
                    int k = 0;
                    if (inside.startsWith("!")) {
                        set.append('^');
                        k = 1;
                    }
                    for (; k < inside.length(); k++) {
                        char s = inside.charAt(k);
                        set.append(s == '-' || Character.isLetterOrDigit(s) ? String.valueOf(s) : "\\" + s);
                    }
                    out.append(set).append(']');
                }
            } else {
                out.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
        }
        return out.append("\\z").toString();
    }

    /** The age argument in seconds ("2d", "-3h", "30"); null when the text is not an age. */
    static Long seconds(String age) {
        Matcher m = AGE.matcher(age.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            case "w" -> 604800;
            default -> 1;
        };
        return Long.parseLong(m.group(1)) * unit;
    }

    /** The size argument in bytes ("10k", "-1m", "512"); null when the text is not a size. */
    static Long bytes(String size) {
        Matcher m = SIZE.matcher(size.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int power = m.group(2) == null ? 0 : "bkmgt".indexOf(m.group(2).charAt(0));
        return Long.parseLong(m.group(1)) * (1L << (10 * power));
    }

    /** Ansible's agefilter: a positive age means at least that old, a negative one at most. */
    static boolean ageMatches(Long age, double now, double stamp) {
        if (age == null) {
            return true;
        }
        return age >= 0 ? now - stamp >= Math.abs(age) : now - stamp <= Math.abs(age);
    }

    /** Ansible's sizefilter: a positive size means at least that big, a negative one at most. */
    static boolean sizeMatches(Long size, long actual) {
        if (size == null) {
            return true;
        }
        return size >= 0 ? actual >= Math.abs(size) : actual <= Math.abs(size);
    }
}
