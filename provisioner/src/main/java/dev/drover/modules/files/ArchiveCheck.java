package dev.drover.modules.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pure part of unarchive: reading what GNU tar's {@code --diff} and {@code --list}
 * and unzip's listings say, and deciding, as Ansible does, whether an archive is already
 * unpacked in its destination.
 */
final class ArchiveCheck {

    private static final Pattern OWNER_DIFF = Pattern.compile(": Uid differs$");
    private static final Pattern GROUP_DIFF = Pattern.compile(": Gid differs$");
    private static final Pattern MODE_DIFF = Pattern.compile(": Mode differs$");
    private static final Pattern MOD_TIME_DIFF = Pattern.compile(": Mod time differs$");
    private static final Pattern EMPTY_FILE = Pattern.compile(": : Warning: Cannot stat: No such file or directory$");
    private static final Pattern MISSING_FILE = Pattern.compile(": Warning: Cannot stat: No such file or directory$");
    private static final Pattern INVALID_OWNER = Pattern.compile(": Invalid owner");
    private static final Pattern INVALID_GROUP = Pattern.compile(": Invalid group");

    private ArchiveCheck() {
    }

    /**
     * The lines of {@code tar --diff} (stdout and stderr) that mean the archive is not
     * unpacked: missing files and changed times always; owner, group and mode only when the
     * task does not set them itself (and owners only when running as root). Empty: unpacked.
     */
    static List<String> tarDifferences(List<String> diffLines, boolean root, boolean ownerGiven, boolean groupGiven,
                                       boolean modeGiven) {
        List<String> relevant = new ArrayList<>();
        for (String line : diffLines) {
            if (EMPTY_FILE.matcher(line).find()) {
                continue;
            }
            // Ansible adds a line once per pattern it matches, so one line may count twice; only emptiness matters.
            if ((root && !ownerGiven && OWNER_DIFF.matcher(line).find())
                    || (root && !groupGiven && GROUP_DIFF.matcher(line).find())
                    || (!modeGiven && MODE_DIFF.matcher(line).find())
                    || MOD_TIME_DIFF.matcher(line).find()
                    || MISSING_FILE.matcher(line).find()
                    || INVALID_OWNER.matcher(line).find()
                    || INVALID_GROUP.matcher(line).find()) {
                relevant.add(line);
            }
        }
        return relevant;
    }

    /** {@code tar --list} output as Ansible keeps it: one name per line, a leading '/' dropped, excludes left out. */
    static List<String> tarFiles(List<String> listLines, List<String> excludes) {
        List<String> files = new ArrayList<>();
        for (String line : listLines) {
            // An empty name stays, as in Ansible: it is what tar lists for a folder stripped by --strip-components.
            String name = line.startsWith("/") ? line.substring(1) : line;
            if (excludes.stream().noneMatch(e -> globMatches(e, name))) {
                files.add(name);
            }
        }
        return files;
    }

    /** One member of a zip archive as {@code zipinfo -T -s} lists it. */
    record ZipEntry(String name, char type, String permissions, long size, String timestamp) {
    }

    /**
     * Reads {@code zipinfo -T -s} lines such as
     * {@code -rw-r--r--  3.0 unx       12 tx defN 20240101.120000 dir/file.txt}; the header
     * and the summary line are skipped.
     */
    static List<ZipEntry> zipEntries(List<String> lines) {
        List<ZipEntry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+", 8);
            if (f.length < 8 || f[0].length() != 10 || !f[6].matches("\\d{8}\\.\\d{6}")) {
                continue;
            }
            entries.add(new ZipEntry(f[7], f[0].charAt(0), f[0].substring(1), Long.parseLong(f[3]), f[6]));
        }
        return entries;
    }

    /** What the destination holds for a zip member: its type ('f', 'd', 'l'), size and local mtime stamp; null when missing. */
    record OnDisk(char type, long size, String timestamp) {
    }

    /**
     * Whether a zip member is already unpacked: present, of the same kind, and for files of
     * the same size and modification time (to the second, in the host's local time, as
     * zipinfo prints it).
     */
    static boolean zipMemberUnpacked(ZipEntry entry, OnDisk disk) {
        if (disk == null) {
            return false;
        }
        boolean directory = entry.type() == 'd' || entry.name().endsWith("/");
        if (directory) {
            return disk.type() == 'd';
        }
        if (entry.type() == 'l') {
            return disk.type() == 'l';
        }
        return disk.type() == 'f' && disk.size() == entry.size() && disk.timestamp().equals(entry.timestamp());
    }

    /** fnmatch for exclude patterns. */
    static boolean globMatches(String glob, String name) {
        return Pattern.compile(FindFilter.globToRegex(glob), Pattern.DOTALL).matcher(name).lookingAt();
    }
}
