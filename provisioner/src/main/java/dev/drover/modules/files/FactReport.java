package dev.drover.modules.files;

import dev.drover.transport.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link FileFacts} query: one {@link FileState} per probe in the order
 * asked, the umask, looked-up ids and epochs, and any other tagged lines a writer printed
 * before the facts.
 */
public final class FactReport {
    private final List<FileState> states;
    private final int umask;
    private final long[] callerIds;
    private final Map<String, Long> uids;
    private final Map<String, Long> gids;
    private final List<String> epochs;
    private final Map<String, List<String>> other;
    private final CommandResult raw;

    FactReport(List<FileState> states, int umask, long[] callerIds, Map<String, Long> uids, Map<String, Long> gids,
                   List<String> epochs, Map<String, List<String>> other, CommandResult raw) {
        this.states = states;
        this.umask = umask;
        this.callerIds = callerIds;
        this.uids = uids;
        this.gids = gids;
        this.epochs = epochs;
        this.other = other;
        this.raw = raw;
    }

    static FactReport parse(CommandResult result, List<String> users, List<String> groups) {
        byte[] out = result.stdout();
        List<FileState> states = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        List<String> gids = new ArrayList<>();
        List<String> epochs = new ArrayList<>();
        Map<String, List<String>> other = new LinkedHashMap<>();
        int umask = 022;
        long[] caller = null;
        Builder current = null;
        int pos = 0;
        while (pos < out.length) {
            int newline = indexOf(out, (byte) '\n', pos);
            int end = newline < 0 ? out.length : newline;
            String line = new String(out, pos, end - pos, StandardCharsets.UTF_8);
            pos = newline < 0 ? out.length : newline + 1;
            String tag = line.length() >= 1 ? line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')) : "";
            String value = line.length() > tag.length() + 1 ? line.substring(tag.length() + 1) : "";
            switch (tag) {
                case "M" -> umask = Integer.parseInt(value.trim(), 8);
                case "I" -> {
                    String[] ids = value.trim().split(" ");
                    caller = new long[] {Long.parseLong(ids[0]), Long.parseLong(ids[1])};
                }
                case "U" -> uids.add(value.trim());
                case "G" -> gids.add(value.trim());
                case "D" -> epochs.add(value.trim());
                case "P" -> {
                    if (current != null) {
                        states.add(current.build());
                    }
                    current = new Builder(value);
                }
                case "C" -> {
                    if (current != null) {
                        current.content = Arrays.copyOfRange(out, pos, out.length);
                    }
                    pos = out.length;
                }
                case "C-" -> {
                    if (current != null) {
                        current.tooLarge = true;
                    }
                }
                default -> {
                    if (current == null || !current.accept(tag, value)) {
                        other.computeIfAbsent(tag, k -> new ArrayList<>()).add(value);
                    }
                }
            }
        }
        if (current != null) {
            states.add(current.build());
        }
        return new FactReport(states, umask, caller, pair(users, uids), pair(groups, gids), epochs, other, result);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    public FileState state(int index) {
        return states.get(index);
    }

    /** The probes' states put back in the order the query asked for them. */
    void reorder(List<FileState> ordered) {
        states.clear();
        states.addAll(ordered);
    }

    public List<FileState> states() {
        return java.util.Collections.unmodifiableList(states);
    }

    public int umask() {
        return umask;
    }

    /** uid and gid of the user the commands ran as, when asked for with {@link #caller()}. */
    public long[] callerIds() {
        return callerIds;
    }

    /** The uid for an owner argument: a number as it is, a name as looked up; null when the host has no such user. */
    public Long uid(String owner) {
        return lookup(owner, uids);
    }

    /** The gid for a group argument, like {@link #uid}. */
    public Long gid(String group) {
        return lookup(group, gids);
    }

    public List<String> epochs() {
        return epochs;
    }

    /** Lines with a tag the facts do not use, printed by a writer's own commands. */
    public List<String> lines(String tag) {
        return other.getOrDefault(tag, List.of());
    }

    public CommandResult raw() {
        return raw;
    }

    private static Long lookup(String name, Map<String, Long> known) {
        if (name == null) {
            return null;
        }
        return FileFacts.isNumber(name) ? Long.valueOf(name) : known.get(name);
    }

    private static Map<String, Long> pair(List<String> names, List<String> answers) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < answers.size(); i++) {
            if (FileFacts.isNumber(answers.get(i))) {
                ids.put(names.get(i), Long.valueOf(answers.get(i)));
            }
        }
        return ids;
    }

    private static final class Builder {
        private final String path;
        private Inode lstat;
        private String error;
        private String linkTarget;
        private String realPath;
        private Inode target;
        private String access;
        private String checksum;
        private String mime;
        private String lsattr;
        private Boolean dirEmpty;
        private final List<FileState.TreeEntry> tree = new ArrayList<>();
        private byte[] content;
        private boolean tooLarge;

        Builder(String path) {
            this.path = path;
        }

        boolean accept(String tag, String value) {
            switch (tag) {
                case "S" -> lstat = Inode.parse(value);
                case "N" -> {
                    // The reason, if any, came on the "stat: ..." line before.
                }
                case "stat:" -> error = "stat: " + value;
                case "T" -> linkTarget = value;
                case "R" -> realPath = value;
                case "F" -> target = Inode.parse(value);
                case "A" -> access = value;
                case "H" -> checksum = value.trim().split("\\s+")[0];
                case "X" -> mime = value;
                case "Y" -> lsattr = value;
                case "E" -> dirEmpty = value.trim().equals("1");
                case "W" -> {
                    String[] parts = value.split(" ", 17);
                    tree.add(new FileState.TreeEntry(parts.length > 16 ? parts[16] : "", Inode.parse(value)));
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        FileState build() {
            if (lstat == null) {
                return FileState.absent(path, error);
            }
            return new FileState(path, lstat, null, linkTarget, realPath, target, access, checksum, mime, lsattr,
                    dirEmpty, tree, content, tooLarge);
        }
    }
}
