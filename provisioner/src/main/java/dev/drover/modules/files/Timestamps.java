package dev.drover.modules.files;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file module's modification_time and access_time: {@code preserve}, {@code now}, or a
 * local time in a strptime format (default {@code %Y%m%d%H%M.%S}). A given time is turned
 * into an epoch on the host, in the host's time zone, as Ansible's mktime does there.
 */
public final class Timestamps {

    /** One of the two times: keep it, set it to now, or set it to a local time. */
    public record Wanted(String localTime, boolean now) {
        static final Wanted PRESERVE = new Wanted(null, false);
        static final Wanted NOW = new Wanted(null, true);

        boolean preserve() {
            return !now && localTime == null;
        }
    }

    private final Wanted mtime;
    private final Wanted atime;

    public Timestamps(Wanted mtime, Wanted atime) {
        this.mtime = mtime;
        this.atime = atime;
    }

    /**
     * From the task's arguments. Unset times default to {@code now} for state=touch and
     * {@code preserve} otherwise.
     */
    public static Timestamps of(String modification, String modificationFormat, String access, String accessFormat,
                                String state) throws FileModuleError {
        String fallback = "touch".equals(state) ? "now" : "preserve";
        return new Timestamps(wanted(modification == null ? fallback : modification, modificationFormat),
                wanted(access == null ? fallback : access, accessFormat));
    }

    private static Wanted wanted(String value, String format) throws FileModuleError {
        if (value.equals("preserve")) {
            return Wanted.PRESERVE;
        }
        if (value.equals("now")) {
            return Wanted.NOW;
        }
        try {
            LocalDateTime time = strptime(value, format);
            return new Wanted(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(time), false);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new FileModuleError("Error while obtaining timestamp for time " + value + " using format " + format
                    + ": " + e.getMessage());
        }
    }

    /** Asks the fact query for the epochs of the local times given. */
    public FileFacts ask(FileFacts facts) {
        for (Wanted wanted : List.of(mtime, atime)) {
            if (wanted.localTime() != null) {
                facts.localTime(wanted.localTime());
            }
        }
        return facts;
    }

    public boolean isPreserve() {
        return mtime.preserve() && atime.preserve();
    }

    /** What to change on a file with stat {@code current}: the diff entries and the touch commands. */
    public Change plan(Inode current, FactReport report) throws FileModuleError {
        List<String> askedTimes = localTimes();
        List<String> epochs = report.epochs();
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        if (isPreserve()) {
            return new Change(before, after, List.of());
        }
        double now = System.currentTimeMillis() / 1000.0;
        if (mtime.now() && atime.now()) {
            before.put("mtime", current.mtime());
            before.put("atime", current.atime());
            after.put("mtime", now);
            after.put("atime", now);
            return new Change(before, after, List.of("touch -c"));
        }
        double newMtime = target(mtime, current.mtime(), now, askedTimes, epochs);
        double newAtime = target(atime, current.atime(), now, askedTimes, epochs);
        if (newMtime == current.mtime() && newAtime == current.atime()) {
            return new Change(before, after, List.of());
        }
        List<String> commands = new java.util.ArrayList<>();
        if (newMtime != current.mtime()) {
            before.put("mtime", current.mtime());
            after.put("mtime", newMtime);
            commands.add(mtime.now() ? "touch -c -m" : "touch -c -m -d @" + seconds(newMtime));
        }
        if (newAtime != current.atime()) {
            before.put("atime", current.atime());
            after.put("atime", newAtime);
            commands.add(atime.now() ? "touch -c -a" : "touch -c -a -d @" + seconds(newAtime));
        }
        return new Change(before, after, commands);
    }

    private static double target(Wanted wanted, double current, double now, List<String> askedTimes,
                                 List<String> epochs) throws FileModuleError {
        if (wanted.preserve()) {
            return current;
        }
        if (wanted.now()) {
            return now;
        }
        int index = askedTimes.indexOf(wanted.localTime());
        String epoch = index >= 0 && index < epochs.size() ? epochs.get(index) : "";
        if (epoch.isEmpty()) {
            throw new FileModuleError("Error while obtaining timestamp for time " + wanted.localTime()
                    + ": the host's date could not convert it");
        }
        return Double.parseDouble(epoch);
    }

    private static String seconds(double epoch) {
        return epoch == Math.rint(epoch) ? Long.toString((long) epoch) : String.format(Locale.ROOT, "%.9f", epoch);
    }

    /** The local times asked of the host, in the order {@link #ask} asked them. */
    private List<String> localTimes() {
        List<String> times = new java.util.ArrayList<>();
        for (Wanted wanted : List.of(mtime, atime)) {
            if (wanted.localTime() != null && !times.contains(wanted.localTime())) {
                times.add(wanted.localTime());
            }
        }
        return times;
    }

    /** Diff entries and the touch commands (each to be followed by the path). */
    public record Change(Map<String, Object> before, Map<String, Object> after, List<String> touchCommands) {
        public boolean changed() {
            return !touchCommands.isEmpty();
        }

        public List<String> commands(String pathWord) {
            return touchCommands.stream().map(c -> c + " -- " + pathWord + " || fail "
                    + "'Error while updating modification or access time'").toList();
        }
    }

    /**
     * Python's time.strptime for the directives people use with these arguments:
     * %Y %y %m %d %H %I %M %S %p %b %B %j %%; numbers may have fewer digits, as in Python.
     */
    static LocalDateTime strptime(String value, String format) {
        int year = 1900;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int dayOfYear = -1;
        boolean pm = false;
        boolean twelveHour = false;
        int v = 0;
        for (int f = 0; f < format.length(); f++) {
            char c = format.charAt(f);
            if (c != '%' || f + 1 >= format.length()) {
                if (v >= value.length() || value.charAt(v) != c) {
                    throw mismatch(value, format);
                }
                v++;
                continue;
            }
            char directive = format.charAt(++f);
            switch (directive) {
                case 'Y' -> {
                    int[] n = number(value, v, 4, value, format);
                    year = n[0];
                    v = n[1];
                }
                case 'y' -> {
                    int[] n = number(value, v, 2, value, format);
                    year = n[0] < 69 ? 2000 + n[0] : 1900 + n[0];
                    v = n[1];
                }
                case 'm', 'd', 'H', 'I', 'M', 'S', 'j' -> {
                    int[] n = number(value, v, directive == 'j' ? 3 : 2, value, format);
                    switch (directive) {
                        case 'm' -> month = n[0];
                        case 'd' -> day = n[0];
                        case 'H' -> hour = n[0];
                        case 'I' -> {
                            hour = n[0];
                            twelveHour = true;
                        }
                        case 'M' -> minute = n[0];
                        case 'S' -> second = n[0];
                        default -> dayOfYear = n[0];
                    }
                    v = n[1];
                }
                case 'p' -> {
                    String rest = value.substring(v).toUpperCase(Locale.ROOT);
                    if (!rest.startsWith("AM") && !rest.startsWith("PM")) {
                        throw mismatch(value, format);
                    }
                    pm = rest.startsWith("PM");
                    v += 2;
                }
                case 'b', 'B' -> {
                    int found = -1;
                    for (java.time.Month m : java.time.Month.values()) {
                        String full = m.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
                        String shortName = full.substring(0, 3);
                        String rest = value.substring(v).toLowerCase(Locale.ROOT);
                        if (rest.startsWith(full.toLowerCase(Locale.ROOT))) {
                            found = m.getValue();
                            v += full.length();
                            break;
                        }
                        if (rest.startsWith(shortName.toLowerCase(Locale.ROOT))) {
                            found = m.getValue();
                            v += 3;
                            break;
                        }
                    }
                    if (found < 0) {
                        throw mismatch(value, format);
                    }
                    month = found;
                }
                case '%' -> {
                    if (v >= value.length() || value.charAt(v) != '%') {
                        throw mismatch(value, format);
                    }
                    v++;
                }
                default -> throw new IllegalArgumentException("'" + directive + "' is a bad directive in format '%"
                        + directive + "'");
            }
        }
        if (v != value.length()) {
            throw new IllegalArgumentException("unconverted data remains: " + value.substring(v));
        }
        if (twelveHour) {
            hour = hour % 12 + (pm ? 12 : 0);
        }
        LocalDateTime time = LocalDateTime.of(year, month, day, hour, minute, second);
        return dayOfYear > 0 ? time.withDayOfYear(dayOfYear) : time;
    }

    private static int[] number(String text, int from, int maxDigits, String value, String format) {
        int end = from;
        while (end < text.length() && end - from < maxDigits && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == from) {
            throw mismatch(value, format);
        }
        return new int[] {Integer.parseInt(text.substring(from, end)), end};
    }

    private static IllegalArgumentException mismatch(String value, String format) {
        return new IllegalArgumentException("time data '" + value + "' does not match format '" + format + "'");
    }
}
