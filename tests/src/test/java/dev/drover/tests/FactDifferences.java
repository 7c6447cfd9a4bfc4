package dev.drover.tests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the facts Ansible's setup returned with drover's, field by field, and lists
 * every difference. Values that change between two readings of the same host are
 * compared with an explicit tolerance (named in {@link #TOLERANCES}); lists whose order
 * Ansible itself does not keep are compared as sets; everything else must be equal,
 * type included (3 is not "3").
 */
final class FactDifferences {

    /** What is allowed to differ, and why: printed with the report so that nothing is hidden. */
    static final List<String> TOLERANCES = List.of(
            "date_time: the two readings are seconds apart: instants within 120 s, each tool's fields consistent with its own instant",
            "uptime_seconds: within 300 s",
            "memfree_mb, swapfree_mb, memory_mb.*.free/used: within 10% of memtotal_mb",
            "mounts[*] size_available, block_available/used, inode_available/used: within 2% of the totals",
            "loadavg: within 4.0 (Python reads sysinfo's 1/65536 steps, /proc/loadavg has two decimals)",
            "env: SSH_CLIENT and SSH_CONNECTION compared without the client port; SSH_TTY, TERM, _, LANG and LC_* come from"
                    + " the way each tool opens its session (Ansible asks for a terminal and sends LANG) and are not compared",
            "interfaces, virtualization_tech_guest/host: compared as sets (Ansible's order is a directory's or a Python set's)");

    private static final Set<String> SESSION_ENV = Set.of("SSH_TTY", "TERM", "_", "LANG");
    private static final Set<String> UNORDERED = Set.of("interfaces", "virtualization_tech_guest", "virtualization_tech_host");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final List<String> differences = new ArrayList<>();
    private final long memTotal;

    private FactDifferences(long memTotal) {
        this.memTotal = memTotal;
    }

    /** Every difference between two ansible_facts maps (ansible_ prefixed names), except the names in notGathered. */
    static List<String> between(Map<String, Object> ansible, Map<String, Object> drover, Set<String> notGathered) {
        long memTotal = ansible.get("ansible_memtotal_mb") instanceof Number n ? n.longValue() : 0;
        FactDifferences diff = new FactDifferences(memTotal);
        Set<String> names = new TreeSet<>(ansible.keySet());
        names.addAll(drover.keySet());
        names.removeAll(notGathered);
        for (String name : names) {
            if (!ansible.containsKey(name)) {
                diff.add(name, "only drover has it: " + drover.get(name));
            } else if (!drover.containsKey(name)) {
                diff.add(name, "missing in drover; ansible: " + ansible.get(name));
            } else {
                diff.fact(name, ansible.get(name), drover.get(name));
            }
        }
        return diff.differences;
    }

    private void fact(String name, Object expected, Object actual) {
        String bare = name.startsWith("ansible_") ? name.substring("ansible_".length()) : name;
        switch (bare) {
            case "date_time" -> dateTime(asMap(expected), asMap(actual));
            case "uptime_seconds" -> within(name, expected, actual, 300);
            case "memfree_mb", "swapfree_mb" -> within(name, expected, actual, memTotal / 10.0);
            case "memory_mb" -> memory(name, asMap(expected), asMap(actual));
            case "mounts" -> mounts(name, expected, actual);
            case "loadavg" -> asMap(expected).keySet().forEach(k -> within(name + "." + k, asMap(expected).get(k), asMap(actual).get(k), 4.0));
            case "env" -> env(name, asMap(expected), asMap(actual));
            default -> {
                if (UNORDERED.contains(bare) && expected instanceof List<?> a && actual instanceof List<?> b) {
                    if (!new TreeSet<>(strings(a)).equals(new TreeSet<>(strings(b))) || a.size() != b.size()) {
                        add(name, "ansible " + new TreeSet<>(strings(a)) + " != drover " + new TreeSet<>(strings(b)));
                    }
                } else {
                    equal(name, expected, actual);
                }
            }
        }
    }

    private void equal(String path, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (Object key : keys) {
                if (!a.containsKey(key)) {
                    add(path + "." + key, "only drover has it: " + b.get(key));
                } else if (!b.containsKey(key)) {
                    add(path + "." + key, "missing in drover; ansible: " + a.get(key));
                } else {
                    equal(path + "." + key, a.get(key), b.get(key));
                }
            }
        } else if (expected instanceof List<?> a && actual instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                equal(path + "[" + i + "]", a.get(i), b.get(i));
            }
        } else if (!sameValue(expected, actual)) {
            add(path, "ansible " + describe(expected) + " != drover " + describe(actual));
        }
    }

    /** Equal values of the same JSON type; numbers by value (Jackson reads 1 as Integer or Long). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            boolean integral = !(x instanceof Double || x instanceof Float);
            boolean otherIntegral = !(y instanceof Double || y instanceof Float);
            return integral == otherIntegral && x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    private void memory(String name, Map<String, Object> expected, Map<String, Object> actual) {
        for (String area : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            Map<String, Object> a = asMap(expected.get(area));
            Map<String, Object> b = asMap(actual.get(area));
            for (String key : new TreeSet<>(union(a.keySet(), b.keySet()))) {
                String path = name + "." + area + "." + key;
                if (key.equals("total")) {
                    equal(path, a.get(key), b.get(key));
                } else {
                    within(path, a.get(key), b.get(key), memTotal / 10.0);
                }
            }
        }
    }

    private void mounts(String name, Object expected, Object actual) {
        Map<String, Map<String, Object>> a = byMount(expected);
        Map<String, Map<String, Object>> b = byMount(actual);
        for (String mount : new TreeSet<>(union(a.keySet(), b.keySet()))) {
            String path = name + "[" + mount + "]";
            if (!a.containsKey(mount) || !b.containsKey(mount)) {
                add(path, a.containsKey(mount) ? "missing in drover" : "only drover has it");
                continue;
            }
            Map<String, Object> x = a.get(mount);
            Map<String, Object> y = b.get(mount);
            for (String key : new TreeSet<>(union(x.keySet(), y.keySet()))) {
                switch (key) {
                    case "size_available" -> within(path + "." + key, x.get(key), y.get(key), number(x.get("size_total")) * 0.02);
                    case "block_available", "block_used" ->
                            within(path + "." + key, x.get(key), y.get(key), number(x.get("block_total")) * 0.02);
                    case "inode_available", "inode_used" ->
                            within(path + "." + key, x.get(key), y.get(key), number(x.get("inode_total")) * 0.02);
                    default -> equal(path + "." + key, x.get(key), y.get(key));
                }
            }
        }
    }

    private void env(String name, Map<String, Object> expected, Map<String, Object> actual) {
        for (String key : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            if (SESSION_ENV.contains(key) || key.startsWith("LC_")) {
                continue;
            }
            Object a = expected.get(key);
            Object b = actual.get(key);
            if (key.equals("SSH_CLIENT") || key.equals("SSH_CONNECTION")) {
                a = withoutClientPort(a);
                b = withoutClientPort(b);
            }
            if (!expected.containsKey(key) || !actual.containsKey(key)) {
                add(name + "." + key, expected.containsKey(key) ? "missing in drover; ansible: " + a : "only drover has it: " + b);
            } else {
                equal(name + "." + key, a, b);
            }
        }
    }

    private static Object withoutClientPort(Object value) {
        if (value == null) {
            return null;
        }
        String[] words = String.valueOf(value).split(" ");
        if (words.length > 1) {
            words[1] = "PORT";
        }
        return String.join(" ", words);
    }

    /** The instants must be close; each tool's local fields must describe its own instant. */
    private void dateTime(Map<String, Object> expected, Map<String, Object> actual) {
        String name = "ansible_date_time";
        for (String key : new TreeSet<>(union(expected.keySet(), actual.keySet()))) {
            if (!expected.containsKey(key) || !actual.containsKey(key)) {
                add(name + "." + key, expected.containsKey(key) ? "missing in drover" : "only drover has it");
            }
        }
        for (String key : List.of("tz", "tz_dst", "tz_offset")) {
            equal(name + "." + key, expected.get(key), actual.get(key));
        }
        within(name + ".epoch", Long.parseLong(String.valueOf(expected.get("epoch"))), Long.parseLong(String.valueOf(actual.get("epoch"))), 120);
        equal(name + ".epoch_int", actual.get("epoch"), actual.get("epoch_int"));
        Instant a = Instant.parse(String.valueOf(expected.get("iso8601_micro")));
        Instant b = Instant.parse(String.valueOf(actual.get("iso8601_micro")));
        if (Duration.between(a, b).abs().getSeconds() > 120) {
            add(name + ".iso8601_micro", "ansible " + a + " and drover " + b + " are more than 120 s apart");
        }
        if (b.getEpochSecond() != Long.parseLong(String.valueOf(actual.get("epoch")))) {
            add(name + ".iso8601_micro", "drover's " + b + " is not its epoch " + actual.get("epoch"));
        }
        equal(name + ".iso8601", String.valueOf(actual.get("iso8601_micro")).replaceFirst("\\.\\d+Z$", "Z"), actual.get("iso8601"));
        LocalDateTime local = LocalDateTime.parse(String.valueOf(actual.get("iso8601_basic_short")), BASIC);
        consistent("year", String.format("%04d", local.getYear()), actual);
        consistent("month", String.format("%02d", local.getMonthValue()), actual);
        consistent("day", String.format("%02d", local.getDayOfMonth()), actual);
        consistent("hour", String.format("%02d", local.getHour()), actual);
        consistent("minute", String.format("%02d", local.getMinute()), actual);
        consistent("second", String.format("%02d", local.getSecond()), actual);
        consistent("date", local.toLocalDate().toString(), actual);
        consistent("time", String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond()), actual);
        consistent("iso8601_basic", actual.get("iso8601_basic_short") + String.valueOf(actual.get("iso8601_micro")).replaceAll(".*\\.(\\d+)Z$", "$1"), actual);
        LocalDateTime ansibleLocal = LocalDateTime.parse(String.valueOf(expected.get("iso8601_basic_short")), BASIC);
        if (ansibleLocal.toLocalDate().equals(local.toLocalDate())) {
            for (String key : List.of("weekday", "weekday_number", "weeknumber")) {
                equal(name + "." + key, expected.get(key), actual.get(key));
            }
        }
    }

    private void consistent(String key, String derived, Map<String, Object> actual) {
        if (!derived.equals(actual.get(key))) {
            add("ansible_date_time." + key, "drover's " + actual.get(key) + " does not match its own time " + derived);
        }
    }

    private void within(String path, Object expected, Object actual, double tolerance) {
        if (!(expected instanceof Number) || !(actual instanceof Number)) {
            equal(path, expected, actual);
            return;
        }
        boolean integral = !(expected instanceof Double || expected instanceof Float);
        if (integral != !(actual instanceof Double || actual instanceof Float)) {
            add(path, "ansible " + describe(expected) + " and drover " + describe(actual) + " differ in type");
            return;
        }
        if (Math.abs(number(expected) - number(actual)) > tolerance) {
            add(path, "ansible " + expected + " and drover " + actual + " differ by more than " + tolerance);
        }
    }

    private void add(String path, String message) {
        differences.add(path + ": " + message);
    }

    private static Map<String, Map<String, Object>> byMount(Object mounts) {
        Map<String, Map<String, Object>> byMount = new java.util.TreeMap<>();
        if (mounts instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> mount = asMap(item);
                byMount.put(String.valueOf(mount.get("mount")), mount);
            }
        }
        return byMount;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> strings(List<?> list) {
        return list.stream().map(String::valueOf).toList();
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value instanceof String s ? "'" + s + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
