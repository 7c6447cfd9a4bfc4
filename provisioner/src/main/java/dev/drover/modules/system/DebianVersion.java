package dev.drover.modules.system;

/**
 * Debian version ordering (deb-version(7)): epoch, then upstream version and revision, each
 * compared as alternating runs of non-digits (letters before other characters, ~ before
 * everything, even the end) and numbers. Needed for apt's {@code name>=version} specs.
 */
final class DebianVersion {

    private DebianVersion() {
    }

    static int compare(String a, String b) {
        String[] left = split(a);
        String[] right = split(b);
        int epoch = Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
        if (epoch != 0) {
            return epoch;
        }
        int upstream = compareParts(left[1], right[1]);
        return upstream != 0 ? upstream : compareParts(left[2], right[2]);
    }

    /** epoch, upstream, revision. */
    private static String[] split(String version) {
        String v = version.strip();
        String epoch = "0";
        int colon = v.indexOf(':');
        if (colon > 0 && v.substring(0, colon).chars().allMatch(Character::isDigit)) {
            epoch = v.substring(0, colon);
            v = v.substring(colon + 1);
        }
        int dash = v.lastIndexOf('-');
        String revision = dash >= 0 ? v.substring(dash + 1) : "";
        String upstream = dash >= 0 ? v.substring(0, dash) : v;
        return new String[] {epoch, upstream, revision};
    }

    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    /** dpkg's order(): ~ sorts first, the end of a part next, then letters, then everything else. */
    private static int order(String s, int i) {
        if (i >= s.length() || Character.isDigit(s.charAt(i))) {
            return 0;
        }
        char c = s.charAt(i);
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }
}
