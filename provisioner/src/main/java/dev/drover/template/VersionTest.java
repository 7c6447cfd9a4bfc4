package dev.drover.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's version test: loose (distutils LooseVersion) or strict (StrictVersion) comparison. */
final class VersionTest {

    private VersionTest() {}

    private static final Pattern LOOSE_COMPONENT = Pattern.compile("\\d+|[a-z]+|\\.");
    private static final Pattern STRICT = Pattern.compile("^(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?$");

    static boolean test(Object value, FilterArgs args) {
        String version = PythonRepr.str(args.required(0, "version"));
        String operator = args.string(1, "operator", "eq");
        boolean strict = args.bool(2, "strict", false);
        String type = args.string(3, "version_type", strict ? "strict" : "loose");
        String mine = PythonRepr.str(value);
        if (version.isEmpty()) {
            throw new RenderFailure("Version parameter to compare against cannot be empty");
        }
        int c = switch (type) {
            case "strict" -> compareStrict(mine, version);
            case "loose" -> compareLoose(mine, version);
            default -> throw new RenderFailure("Invalid version type (" + type + "). Must be one of loose, strict");
        };
        return switch (operator) {
            case "==", "=", "eq" -> c == 0;
            case "<", "lt" -> c < 0;
            case "<=", "le" -> c <= 0;
            case ">", "gt" -> c > 0;
            case ">=", "ge" -> c >= 0;
            case "!=", "<>", "ne" -> c != 0;
            default -> throw new RenderFailure("Invalid operator type (" + operator + ")");
        };
    }

    private static int compareLoose(String a, String b) {
        List<Object> x = loose(a);
        List<Object> y = loose(b);
        try {
            return Numbers.compare(x, y);
        } catch (RenderFailure e) {
            throw new RenderFailure("Version comparison failed: " + e.getMessage());
        }
    }

    private static List<Object> loose(String version) {
        List<Object> parts = new ArrayList<>();
        Matcher m = LOOSE_COMPONENT.matcher(version);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(version.substring(last, m.start()));
            }
            String token = m.group();
            if (!token.equals(".")) {
                parts.add(Character.isDigit(token.charAt(0)) ? new BigInteger(token) : token);
            }
            last = m.end();
        }
        if (last < version.length()) {
            parts.add(version.substring(last));
        }
        return parts;
    }

    private static int compareStrict(String a, String b) {
        long[] x = strict(a);
        long[] y = strict(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Long.compare(x[i], y[i]);
            }
        }
        // No prerelease sorts after any prerelease of the same version.
        if (x[3] != y[3]) {
            return x[3] == 0 ? 1 : y[3] == 0 ? -1 : Long.compare(x[3], y[3]);
        }
        return Long.compare(x[4], y[4]);
    }

    private static long[] strict(String version) {
        Matcher m = STRICT.matcher(version);
        if (!m.matches()) {
            throw new RenderFailure("Version comparison failed: invalid version number '" + version + "'");
        }
        return new long[] {
            Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(4) == null ? 0 : Long.parseLong(m.group(4)),
            m.group(5) == null ? 0 : m.group(5).charAt(0), m.group(6) == null ? 0 : Long.parseLong(m.group(6))
        };
    }
}
