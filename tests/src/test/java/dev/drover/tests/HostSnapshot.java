package dev.drover.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files under some paths of a host: type, mode, owner, group, link count, link target
 * and content hash, collected with one SSH command. Two hosts given the same playbook must
 * end with equal snapshots.
 */
record HostSnapshot(Map<String, Entry> entries) {

    /** A path as the snapshot sees it; {@code sha256} only for regular files, {@code target} only for links. */
    record Entry(String type, String mode, String owner, String group, String links, String target, String sha256) {

        static final Entry ABSENT = new Entry("absent", "", "", "", "", "", "");

        String describe() {
            if (this.equals(ABSENT)) {
                return "absent";
            }
            StringBuilder text = new StringBuilder(typeName()).append(' ').append(mode).append(' ')
                    .append(owner).append(':').append(group).append(" links=").append(links);
            if (!target.isEmpty()) {
                text.append(" -> ").append(target);
            }
            if (!sha256.isEmpty()) {
                text.append(" sha256=").append(sha256, 0, 12);
            }
            return text.toString();
        }

        private String typeName() {
            return switch (type) {
                case "f" -> "file";
                case "d" -> "directory";
                case "l" -> "link";
                default -> "type " + type;
            };
        }
    }

    private static final String SEPARATOR = "--- sha256";

    /** POSIX sh with GNU find; paths come as arguments. Missing paths are reported, not skipped. */
    private static final String SCRIPT = String.join("\n",
            "for p in \"$@\"; do",
            "  if [ -e \"$p\" ] || [ -L \"$p\" ]; then",
            "    find \"$p\" -printf '%y\\t%m\\t%u\\t%g\\t%n\\t%l\\t%p\\n'",
            "  else",
            "    printf 'absent\\t\\t\\t\\t\\t\\t%s\\n' \"$p\"",
            "  fi",
            "done",
            "echo '" + SEPARATOR + "'",
            "for p in \"$@\"; do",
            "  if [ -e \"$p\" ]; then find \"$p\" -type f -exec sha256sum {} +; fi",
            "done",
            "");

    /**
     * Ansible names a backup PATH.PID.YYYY-MM-DD@HH:MM:SS~; the name differs on every run, the
     * content must not. Backups are compared under a stable name.
     */
    private static final Pattern BACKUP_NAME = Pattern.compile("^(.*)\\.\\d+\\.\\d{4}-\\d{2}-\\d{2}@\\d{2}:\\d{2}:\\d{2}~$");

    static HostSnapshot take(Lab lab, String host, List<String> paths) {
        if (paths.isEmpty()) {
            return new HostSnapshot(Map.of());
        }
        String command = "sh -s -- " + paths.stream().map(HostSnapshot::quote).collect(Collectors.joining(" "));
        LocalCommand.Output output = lab.ssh(host, command, SCRIPT);
        if (output.exitCode() != 0) {
            throw new AssertionError("snapshot of " + host + " failed\n" + output.describe());
        }
        return parse(output.stdout());
    }

    static HostSnapshot parse(String output) {
        Map<String, String[]> rows = new TreeMap<>();
        Map<String, String> hashes = new TreeMap<>();
        boolean inHashes = false;
        for (String line : output.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals(SEPARATOR)) {
                inHashes = true;
            } else if (inHashes) {
                // sha256sum prints "HASH  PATH"
                hashes.put(line.substring(66), line.substring(0, 64));
            } else {
                String[] fields = line.split("\t", -1);
                if (fields.length != 7) {
                    throw new IllegalArgumentException("unexpected snapshot line: " + line);
                }
                rows.put(fields[6], fields);
            }
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            String[] f = row.getValue();
            Entry entry = f[0].equals("absent") ? Entry.ABSENT
                    : new Entry(f[0], f[1], f[2], f[3], f[4], f[5], hashes.getOrDefault(row.getKey(), ""));
            entries.put(stableName(row.getKey(), entries), entry);
        }
        return new HostSnapshot(Collections.unmodifiableMap(entries));
    }

    /** Differences as readable lines, empty when the snapshots are equal. */
    List<String> differencesTo(HostSnapshot other, String thisLabel, String otherLabel) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(entries.keySet());
        paths.addAll(other.entries.keySet());
        for (String path : paths) {
            Entry mine = entries.get(path);
            Entry theirs = other.entries.get(path);
            if (!Objects.equals(mine, theirs)) {
                differences.add(path + ": " + thisLabel + " has " + (mine == null ? "nothing" : mine.describe())
                        + ", " + otherLabel + " has " + (theirs == null ? "nothing" : theirs.describe()));
            }
        }
        return differences;
    }

    private static String stableName(String path, Map<String, Entry> taken) {
        Matcher backup = BACKUP_NAME.matcher(path);
        if (!backup.matches()) {
            return path;
        }
        String name = backup.group(1) + ".<backup>~";
        for (int n = 2; taken.containsKey(name); n++) {
            name = backup.group(1) + ".<backup" + n + ">~";
        }
        return name;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
