package dev.drover.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands inventory host ranges: {@code web[01:03].lan}, {@code db-[a:c]}, {@code n[0:10:2]}. */
final class HostRange {

    private static final Pattern RANGE = Pattern.compile("\\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::([0-9]+))?]");

    private HostRange() {
    }

    static List<String> expand(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        String tail = pattern.substring(m.end());
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        List<String> names = new ArrayList<>();
        if (from.chars().allMatch(Character::isDigit) && to.chars().allMatch(Character::isDigit)) {
            int width = from.length();
            boolean padded = from.startsWith("0") && width > 1;
            for (int i = Integer.parseInt(from); i <= Integer.parseInt(to); i += step) {
                String number = padded ? String.format("%0" + width + "d", i) : Integer.toString(i);
                names.addAll(expand(head + number + tail));
            }
        } else if (from.length() == 1 && to.length() == 1) {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                names.addAll(expand(head + c + tail));
            }
        } else {
            throw new IllegalArgumentException("bad host range [" + from + ":" + to + "] in " + pattern);
        }
        return names;
    }
}
